package dev.torre.segment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * The {@code segment_member} table, written set-based: a dynamic segment is brought in line with its filter by one
 * statement (for all records of its type, or for a batch of touched ones), a static one changes by explicit ids.
 * Every change is computed from the table itself and recorded as a {@code segment.member_added} or
 * {@code segment.member_removed} event, so repeating a statement over the same data changes and announces nothing.
 * Runs inside the caller's transaction.
 */
@ApplicationScoped
class Membership {

    @Inject
    ServerClock clock;

    static final String ADDED = "member_added";
    static final String REMOVED = "member_removed";

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    /** A change of membership, as the statements report it. */
    record Change(boolean added, UUID recordId) {
    }

    /**
     * Makes the members of a dynamic segment exactly the active records of its type that match its filter, among
     * {@code only} (null: every record of the type); answers how many records entered or left.
     */
    int sync(Segment segment, UUID[] only) {
        return sync(segment, only, false);
    }

    /** As {@link #sync(Segment, UUID[])}; {@code backfill} marks the events as the filling of a newly defined filter. */
    int sync(Segment segment, UUID[] only, boolean backfill) {
        return changes(segment, only, backfill).size();
    }

    /** As {@link #sync(Segment, UUID[], boolean)}, answering the records that entered or left. */
    List<Change> changes(Segment segment, UUID[] only, boolean backfill) {
        SegmentTypes.Type type = SegmentTypes.of(segment.objectType);
        String tenant = TenantContext.current();
        Instant now = clock.now();
        // compiled from the stored, validated text: field names pick registry SQL, values travel as parameters
        SqlFragment filter = FilterCompiler.compile(segment.filter, type.fields(), clock.now());
        List<Object> params = new ArrayList<>();
        params.add(tenant);
        if (only != null) {
            params.add(only);
        }
        params.addAll(filter.params());
        params.add(tenant);
        params.add(segment.id);
        if (only != null) {
            params.add(only);
        }
        params.add(tenant);
        params.add(segment.id);
        params.add(now);
        String sql = """
                with matching as (
                    select c.id from %1$s c
                    where c.tenant_id = ? and c.archived_at is null %2$s and (%3$s)
                ), removed as (
                    delete from segment_member m
                    where m.tenant_id = ? and m.segment_id = ? %4$s
                      and not exists (select 1 from matching x where x.id = m.record_id)
                    returning m.record_id
                ), added as (
                    insert into segment_member (tenant_id, segment_id, record_id, since)
                    select ?, ?, x.id, ? from matching x
                    on conflict do nothing
                    returning record_id
                )
                select true, record_id from added union all select false, record_id from removed
                """.formatted(type.table(), only == null ? "" : "and c.id = any(?)", filter.sql(),
                only == null ? "" : "and m.record_id = any(?)");
        List<Change> changes = Sql.query(em, new SqlFragment(sql, params), r -> new Change(r.getBoolean(1), Sql.uuid(r, 2)));
        announce(segment, changes, backfill);
        return changes;
    }

    /** Where a segment's latest sweep stands. */
    record Sweep(UUID segmentId, String cause, long processed, long total, Instant startedAt, Instant finishedAt) {

        boolean backfilling() {
            return finishedAt == null && DEFINITION.equals(cause);
        }
    }

    static final String DEFINITION = "definition";
    static final String SCHEDULE = "schedule";

    /**
     * Starts (or starts over) a sweep of the segment over every record of its type, from the first id; the total is
     * how many records the type holds now. Runs in the caller's transaction; the worker does the batches.
     */
    void startSweep(Segment segment, String cause) {
        SegmentTypes.Type type = SegmentTypes.of(segment.objectType);
        String tenant = TenantContext.current();
        Sql.update(em, SqlFragment.of("""
                insert into segment_sweep (tenant_id, segment_id, cause, after_id, processed, total, started_at, finished_at)
                select ?, ?, ?, null, 0, (select count(*) from %s c where c.tenant_id = ?), ?, null
                on conflict (tenant_id, segment_id) do update set cause = excluded.cause, after_id = null, processed = 0,
                    total = excluded.total, started_at = excluded.started_at, finished_at = null
                """.formatted(type.table()), tenant, segment.id, cause, tenant, clock.now()));
    }

    /** Forgets the segment's sweep (it became static: nothing to sweep). */
    void dropSweep(Segment segment) {
        Sql.update(em, SqlFragment.of("delete from segment_sweep where tenant_id = ? and segment_id = ?",
                TenantContext.current(), segment.id));
    }

    /**
     * Runs the next batch of the segment's unfinished sweep: up to {@code batch} records of its type after the
     * sweep's position, in id order, brought in line with the filter; stores the new position and ends the sweep
     * when the batch comes back short. Answers how many records it visited (0: nothing to do).
     */
    int sweepStep(Segment segment, int batch) {
        String tenant = TenantContext.current();
        if (!segment.dynamic()) {
            dropSweep(segment);
            return 1;
        }
        record Open(String cause, UUID after) {
        }
        List<Open> open = Sql.query(em, SqlFragment.of("""
                select cause, after_id from segment_sweep
                where tenant_id = ? and segment_id = ? and finished_at is null for update
                """, tenant, segment.id), r -> new Open(r.getString(1), Sql.uuid(r, 2)));
        if (open.isEmpty()) {
            return 0;
        }
        UUID after = open.getFirst().after();
        List<Object> params = new ArrayList<>(List.of(tenant));
        if (after != null) {
            params.add(after);
        }
        List<UUID> ids = Sql.query(em, new SqlFragment("select c.id from %s c where c.tenant_id = ? %s order by c.id limit %d"
                .formatted(SegmentTypes.of(segment.objectType).table(), after == null ? "" : "and c.id > ?", batch), params),
                r -> Sql.uuid(r, 1));
        if (!ids.isEmpty()) {
            sync(segment, ids.toArray(UUID[]::new), DEFINITION.equals(open.getFirst().cause()));
        }
        boolean done = ids.size() < batch;
        Sql.update(em, SqlFragment.of("""
                update segment_sweep set after_id = case when ? then cast(? as uuid) else after_id end,
                    processed = processed + ?, total = greatest(total, processed + ?),
                    finished_at = case when ? then cast(? as timestamptz) end
                where tenant_id = ? and segment_id = ?
                """, !ids.isEmpty(), ids.isEmpty() ? segment.id : ids.getLast(), ids.size(), ids.size(), done, clock.now(),
                tenant, segment.id));
        return Math.max(ids.size(), 1);
    }

    /** The segments among these with an unfinished sweep, oldest sweep first. */
    List<UUID> openSweeps() {
        return Sql.query(em, SqlFragment.of("""
                select s.segment_id from segment_sweep s join segment g on g.tenant_id = s.tenant_id and g.id = s.segment_id
                where s.tenant_id = ? and s.finished_at is null and g.archived_at is null
                order by s.started_at, s.segment_id
                """, TenantContext.current()), r -> Sql.uuid(r, 1));
    }

    /** The latest sweep of each of these segments that has one. */
    Map<UUID, Sweep> sweeps(List<Segment> segments) {
        Map<UUID, Sweep> out = new LinkedHashMap<>();
        if (segments.isEmpty()) {
            return out;
        }
        Sql.query(em, SqlFragment.of("""
                select segment_id, cause, processed, total, started_at, finished_at from segment_sweep
                where tenant_id = ? and segment_id = any(?)
                """, TenantContext.current(), segments.stream().map(g -> g.id).toArray(UUID[]::new)),
                r -> new Sweep(Sql.uuid(r, 1), r.getString(2), r.getLong(3), r.getLong(4), r.getTimestamp(5).toInstant(),
                        r.getTimestamp(6) == null ? null : r.getTimestamp(6).toInstant()))
                .forEach(w -> out.put(w.segmentId(), w));
        return out;
    }

    /**
     * Waits for a running worker pass of the tenant to finish and keeps the next one out until this transaction ends,
     * so that a sweep started here begins after everything a pass did with the segment's previous definition; the
     * sweep then reads every record as it is after this commit, and changes after it reach the worker as events.
     */
    void holdWorker() {
        String tenant = TenantContext.current();
        Sql.update(em, SqlFragment.of("insert into segment_cursor (tenant_id) values (?) on conflict do nothing", tenant));
        Sql.query(em, SqlFragment.of("select 1 from segment_cursor where tenant_id = ? for update", tenant), r -> 1);
    }

    /** Adds active records of the segment's type to a static segment; one unknown id refuses them all. Answers how many were new. */
    int add(Segment segment, List<UUID> ids) {
        SegmentTypes.Type type = SegmentTypes.of(segment.objectType);
        String tenant = TenantContext.current();
        UUID[] wanted = ids.stream().distinct().toArray(UUID[]::new);
        List<UUID> known = Sql.query(em, SqlFragment.of("select c.id from " + type.table()
                + " c where c.tenant_id = ? and c.id = any(?) and c.archived_at is null", tenant, wanted), r -> Sql.uuid(r, 1));
        if (known.size() != wanted.length) {
            List<UUID> missing = new ArrayList<>(List.of(wanted));
            missing.removeAll(known);
            throw new TorreException(ErrorCode.VALIDATION, "No active " + type.name() + " has the id " + missing.getFirst(),
                    List.of(new FieldError("ids", "not_found", "Every id must name an active " + type.name())));
        }
        List<Change> changes = Sql.query(em, SqlFragment.of("""
                insert into segment_member (tenant_id, segment_id, record_id, since)
                select ?, ?, x.id, ? from unnest(cast(? as uuid[])) as x(id)
                on conflict do nothing
                returning true, record_id
                """, tenant, segment.id, clock.now(), wanted), r -> new Change(true, Sql.uuid(r, 2)));
        announce(segment, changes);
        return changes.size();
    }

    /** Takes one record out of a segment; false when it was not a member. */
    boolean remove(Segment segment, UUID recordId) {
        List<Change> changes = Sql.query(em, SqlFragment.of("""
                delete from segment_member where tenant_id = ? and segment_id = ? and record_id = ?
                returning false, record_id
                """, TenantContext.current(), segment.id, recordId), r -> new Change(false, Sql.uuid(r, 2)));
        announce(segment, changes);
        return !changes.isEmpty();
    }

    /** The live segments of the type each of these records belongs to, by record, in segment name order. */
    Map<UUID, List<UUID>> segmentsOf(String objectType, Collection<UUID> recordIds) {
        Map<UUID, List<UUID>> out = new LinkedHashMap<>();
        recordIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (recordIds.isEmpty()) {
            return out;
        }
        Sql.query(em, SqlFragment.of("""
                select m.record_id, m.segment_id from segment_member m
                join segment s on s.tenant_id = m.tenant_id and s.id = m.segment_id
                where m.tenant_id = ? and m.record_id = any(?) and s.object_type = ? and s.archived_at is null
                order by s.name, s.id
                """, TenantContext.current(), recordIds.toArray(UUID[]::new), objectType),
                r -> out.get(Sql.uuid(r, 1)).add(Sql.uuid(r, 2)));
        return out;
    }

    /** How many active records the segment holds (archived or erased members are left out, as lists leave them out). */
    long count(Segment segment) {
        return countAll(List.of(segment)).getOrDefault(segment.id, 0L);
    }

    /** Member counts of several segments, one statement per object type among them. */
    Map<UUID, Long> countAll(List<Segment> segments) {
        Map<UUID, Long> counts = new LinkedHashMap<>();
        Map<String, List<UUID>> byType = new LinkedHashMap<>();
        for (Segment s : segments) {
            counts.put(s.id, 0L);
            byType.computeIfAbsent(s.objectType, k -> new ArrayList<>()).add(s.id);
        }
        byType.forEach((typeName, ids) -> Sql.query(em, SqlFragment.of("""
                select m.segment_id, count(*) from segment_member m
                join %s c on c.tenant_id = m.tenant_id and c.id = m.record_id and c.archived_at is null
                where m.tenant_id = ? and m.segment_id = any(?)
                group by m.segment_id
                """.formatted(SegmentTypes.of(typeName).table()), TenantContext.current(), ids.toArray(UUID[]::new)),
                r -> counts.put(Sql.uuid(r, 1), r.getLong(2))));
        return counts;
    }

    /** One page of active members in id order (ids are time-ordered), after the cursor of the previous page. */
    Page<SegmentMemberView> page(Segment segment, int limit, String cursor) {
        UUID after = cursor == null ? null : openCursor(cursor);
        List<Object> params = new ArrayList<>(List.of(TenantContext.current(), segment.id));
        if (after != null) {
            params.add(after);
        }
        List<SegmentMemberView> rows = Sql.query(em, new SqlFragment("""
                select m.record_id, m.since from segment_member m
                join %s c on c.tenant_id = m.tenant_id and c.id = m.record_id and c.archived_at is null
                where m.tenant_id = ? and m.segment_id = ? %s
                order by m.record_id limit %d
                """.formatted(SegmentTypes.of(segment.objectType).table(), after == null ? "" : "and m.record_id > ?",
                limit + 1), params),
                r -> new SegmentMemberView(Sql.uuid(r, 1), r.getTimestamp(2).toInstant()));
        boolean more = rows.size() > limit;
        List<SegmentMemberView> data = more ? List.copyOf(rows.subList(0, limit)) : rows;
        List<String> cursors = data.stream().map(m -> cursorOf(m.id())).toList();
        return new Page<>(data, more ? cursors.getLast() : null, cursors);
    }

    private void announce(Segment segment, List<Change> changes) {
        announce(segment, changes, false);
    }

    /** Record ids in PostgreSQL's order (bytes, unsigned): the order of the members' pages. */
    private static final java.util.Comparator<Change> BY_RECORD = java.util.Comparator
            .comparing((Change c) -> c.recordId().getMostSignificantBits(), Long::compareUnsigned)
            .thenComparing(c -> c.recordId().getLeastSignificantBits(), Long::compareUnsigned);

    private void announce(Segment segment, List<Change> changes, boolean backfill) {
        // in record order whatever plan produced the changes (a plan changes with the table's statistics)
        List<Change> ordered = changes.stream().sorted(BY_RECORD).toList();
        for (boolean added : new boolean[] { true, false }) {
            List<UUID> segmentIds = new ArrayList<>();
            List<Map<String, Object>> payloads = new ArrayList<>();
            for (Change c : ordered) {
                if (c.added() == added) {
                    segmentIds.add(segment.id);
                    payloads.add(Map.of("segmentId", segment.id.toString(), "objectType", segment.objectType,
                            "recordId", c.recordId().toString(), "backfill", backfill));
                }
            }
            events.appendAll("segment", added ? ADDED : REMOVED, segmentIds, payloads);
        }
    }

    // A member cursor only says where a page ended: the last member id, which the page itself showed.
    private static final String CURSOR_PREFIX = "m1:";

    private static String cursorOf(UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID openCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                return UUID.fromString(text.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw new TorreException(ErrorCode.INVALID_QUERY, "The cursor is not one this list gave out",
                List.of(new FieldError("cursor", "invalid_cursor", "Pass back the 'next' value of the previous page")));
    }
}
