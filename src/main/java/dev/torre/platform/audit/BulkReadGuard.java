package dev.torre.platform.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.query.ReadCounter;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Counts the records each actor receives from bulk reads (list, search and export pages)
 * per sliding hour, keeps each such read for the audit, and blocks an actor who passes the
 * tenant's threshold until an admin lifts the block. The read that passes the threshold is
 * still answered; the next ones are refused. Thresholds are cached per instance for 30 seconds.
 */
@ApplicationScoped
public class BulkReadGuard implements ReadCounter {

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    Caller caller;

    @Inject
    TorreConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    RowCounting counting;

    /** Each tenant's thresholds, read at most every 30 seconds per instance. */
    private final Cache<String, BulkReadPolicy> policies = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(java.time.Duration.ofSeconds(30)).build();

    /**
     * Keeps one bulk read and answers whether its actor may have it: refused (429) under a
     * block; blocked from now on when the hour's total passes the threshold. One statement on
     * the read path (checked after the page is read, before it is returned); the block itself,
     * rare, is written in a transaction of its own with its event.
     */
    @Override
    public void record(String objectType, int count) {
        if (counting.byTransport()) {
            refuseIfBlocked(); // the rows are counted with every other row of the request when it is answered (see returned)
            return;
        }
        if (counting.gathering()) {
            counting.gather(objectType, count); // kept with the view's other pages when it is done (see together)
            return;
        }
        keep(reader(), List.of(new Part(objectType, count)), true);
    }

    /** One page of a bulk read: its records' type and how many were read. */
    public record Part(String objectType, int count) {
    }

    /**
     * Runs a view that reads several pages (the 360° view) and keeps all its pages in one statement when it is done,
     * by the same rules as page by page: pages are kept in the order read, up to and including the one whose records
     * pass the threshold; the actor is then blocked, and if a page remains, the view is refused (429) as that page
     * would have been. A view that fails still has the pages it read kept. Under a transport that counts rows itself
     * (GraphQL) the reads just run.
     */
    public <T> T together(Supplier<T> reads) {
        if (counting.byTransport() || counting.gathering()) {
            return reads.get();
        }
        counting.startGathering();
        T result;
        try {
            result = reads.get();
        } catch (RuntimeException e) {
            try {
                keep(reader(), counting.takeGathered(), false);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        keep(reader(), counting.takeGathered(), true);
        return result;
    }

    /**
     * Keeps the rows a whole request returned, by object type, for a transport that counts them
     * itself ({@link RowCounting}); the answer is already made, so a block only applies to the next ones.
     */
    public void returned(Map<String, Integer> rowsByType) {
        returnedAs(reader(), rowsByType);
    }

    /**
     * The same for a request whose client went away while it ran: its request context (the caller, the pooled
     * connection) has ended, so the rows are kept as the reader captured when it began, in a context of their own.
     */
    public void returnedAfterDisconnect(Reader reader, Map<String, Integer> rowsByType) {
        if (reader == null || reader.actor() == null || reader.tenant() == null) {
            return;
        }
        var context = Arc.container().requestContext();
        context.activate();
        try {
            TenantContext.callAs(reader.tenant(), () -> {
                returnedAs(reader, rowsByType);
                return null;
            });
        } finally {
            context.terminate();
        }
    }

    private void returnedAs(Reader reader, Map<String, Integer> rowsByType) {
        List<Part> parts = new ArrayList<>();
        rowsByType.forEach((type, count) -> {
            if (count > 0) {
                parts.add(new Part(type, count));
            }
        });
        keep(reader, parts, false);
    }

    /** Who is reading, as far as the guard cares: taken while the request's context is active. */
    public record Reader(String actor, String tenant, String clientIp) {
    }

    /** The current request's reader. */
    public Reader reader() {
        return new Reader(caller.actor(), TenantContext.current(), caller.clientIp());
    }

    /** Refuses (429) an actor whose bulk reads are blocked. */
    private void refuseIfBlocked() {
        String actor = caller.actor();
        String tenant = TenantContext.current();
        if (actor == null || tenant == null) {
            return;
        }
        Object blocked = em.createNativeQuery("select exists (select 1 from security_block where tenant_id = ?1 and actor = ?2 and lifted_at is null)")
                .setParameter(1, tenant).setParameter(2, actor).getSingleResult();
        if (Boolean.TRUE.equals(blocked)) {
            throw blockedProblem();
        }
    }

    private static TorreException blockedProblem() {
        return new TorreException(ErrorCode.BULK_READ_BLOCKED, "Your bulk reads passed this tenant's hourly threshold and are"
                + " blocked until an admin lifts the block", List.of(), Map.of("Retry-After", "3600"));
    }

    /**
     * Keeps pages read by one actor, in order, in one statement (one round trip and one commit however many): none
     * under a block in force (refused when {@code refuseWhenBlocked}); otherwise each page up to and including the
     * one that takes the hour's total past the threshold, which then blocks the actor. A page after that one is not
     * kept, and refused like a page read under the block.
     */
    private void keep(Reader reader, List<Part> parts, boolean refuseWhenBlocked) {
        String actor = reader.actor();
        String tenant = reader.tenant();
        if (actor == null || tenant == null || parts.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        int threshold = policies.get(tenant, t -> policy()).thresholdAt(now);
        java.time.OffsetDateTime at = now.atOffset(java.time.ZoneOffset.UTC);
        List<Object> params = new ArrayList<>(List.of(tenant, actor));
        // With the guard off the reads are still audited, but the hour's total is not summed: that
        // sum grows with every page an actor reads, and nothing would compare it.
        String before = "0";
        if (threshold > 0) {
            before = """
                    coalesce((select sum(r.record_count) from bulk_read r where r.tenant_id = ? and r.actor = ?
                        and r.occurred_at > greatest(cast(? as timestamptz) - interval '1 hour',
                            coalesce((select max(b.lifted_at) from security_block b where b.tenant_id = ? and b.actor = ?), '-infinity'))), 0)""";
            params.addAll(List.of(tenant, actor, at, tenant, actor));
        }
        boolean blocked;
        int kept;
        long total;
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                with blocked as (
                    select exists (select 1 from security_block where tenant_id = ? and actor = ? and lifted_at is null) as yes),
                prior as (select %s as total),
                parts as (
                    select p.id, p.object_type, p.record_count, p.ord,
                        sum(p.record_count) over (order by p.ord) - p.record_count as earlier
                    from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as integer[])) with ordinality as p(id, object_type, record_count, ord)),
                kept as (
                    insert into bulk_read (tenant_id, id, actor, client_ip, object_type, record_count, occurred_at)
                    select ?, p.id, ?, ?, p.object_type, p.record_count, cast(? as timestamptz) from parts p
                    where not (select yes from blocked)
                        and (p.ord = 1 or cast(? as integer) <= 0 or (select total from prior) + p.earlier <= ?)
                    returning record_count)
                select (select yes from blocked), (select count(*) from kept),
                    (select total from prior) + coalesce((select sum(record_count) from kept), 0)
                """.formatted(before))) {
            UUID[] ids = new UUID[parts.size()];
            String[] types = new String[parts.size()];
            Integer[] counts = new Integer[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                ids[i] = Ids.next();
                types[i] = parts.get(i).objectType();
                counts[i] = parts.get(i).count();
            }
            params.addAll(List.of(c.createArrayOf("uuid", ids), c.createArrayOf("text", types), c.createArrayOf("integer", counts),
                    tenant, actor));
            params.add(reader.clientIp()); // may be null, which List.of refuses
            params.addAll(List.of(at, threshold, threshold));
            for (int i = 0; i < params.size(); i++) {
                q.setObject(i + 1, params.get(i));
            }
            try (ResultSet r = q.executeQuery()) {
                r.next();
                blocked = r.getBoolean(1);
                kept = r.getInt(2);
                total = r.getLong(3);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Recording a bulk read failed", e);
        }
        if (blocked) {
            if (refuseWhenBlocked) {
                throw blockedProblem();
            }
            return;
        }
        if (threshold > 0 && total > threshold) {
            QuarkusTransaction.requiringNew().run(() -> block(tenant, actor, total, threshold, now));
        }
        if (kept < parts.size() && refuseWhenBlocked) {
            throw blockedProblem();
        }
    }

    private void block(String tenant, String actor, long total, int threshold, Instant now) {
        UUID id = Ids.next();
        int inserted = em.createNativeQuery("""
                insert into security_block (tenant_id, id, actor, reason, blocked_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (tenant_id, actor) where lifted_at is null do nothing
                """).setParameter(1, tenant).setParameter(2, id).setParameter(3, actor)
                .setParameter(4, total + " records in the last hour; threshold " + threshold).setParameter(5, now).executeUpdate();
        if (inserted == 1) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("actor", actor);
            payload.put("recordsLastHour", total);
            payload.put("threshold", threshold);
            events.append("security", id, "bulk_read_blocked", payload);
        }
    }

    @Transactional
    @RequiresScope("security:admin")
    public Map<String, Object> lift(String actor) {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<UUID> lifted = em.createNativeQuery("""
                update security_block set lifted_at = ?3, lifted_by = ?4
                where tenant_id = ?1 and actor = ?2 and lifted_at is null returning id
                """).setParameter(1, TenantContext.current()).setParameter(2, actor).setParameter(3, now)
                .setParameter(4, caller.actor()).getResultList();
        if (lifted.isEmpty()) {
            throw TorreException.notFound("Block on actor " + actor);
        }
        events.append("security", lifted.getFirst(), "block_lifted", Map.of("actor", actor));
        return Map.of("actor", actor, "liftedAt", now.toString());
    }

    /** The blocks in force. */
    @RequiresScope("security:admin")
    public List<Map<String, Object>> blocks() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select actor, reason, blocked_at from security_block where tenant_id = ?1 and lifted_at is null order by blocked_at
                """).setParameter(1, TenantContext.current()).getResultList();
        return rows.stream().map(r -> Map.<String, Object>of("actor", r[0], "reason", r[1], "blockedAt", r[2].toString())).toList();
    }

    // --- the tenant's thresholds

    @RequiresScope("security:admin")
    public BulkReadPolicy currentPolicy() {
        return policy();
    }

    BulkReadPolicy policy() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select per_hour, per_hour_outside_hours, working_days, cast(work_start as text), cast(work_end as text), time_zone
                from bulk_read_policy where tenant_id = ?1
                """).setParameter(1, TenantContext.current()).getResultList();
        if (rows.isEmpty()) {
            int outside = config.bulkRead().perHour() == 0 ? 0 : config.bulkRead().perHourOutsideWorkingHours();
            return new BulkReadPolicy(config.bulkRead().perHour(), outside,
                    List.of("mon", "tue", "wed", "thu", "fri"), "08:00", "20:00", config.bulkRead().timeZone());
        }
        Object[] r = rows.getFirst();
        return new BulkReadPolicy(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), List.of((String[]) r[2]),
                ((String) r[3]).substring(0, 5), ((String) r[4]).substring(0, 5), (String) r[5]);
    }

    @Transactional
    @RequiresScope("security:admin")
    public BulkReadPolicy setPolicy(BulkReadPolicy p) {
        if (p == null || p.perHour() == null || p.perHour() < 1 || p.perHourOutsideWorkingHours() == null || p.perHourOutsideWorkingHours() < 1) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "perHour", "out_of_range",
                    "perHour and perHourOutsideWorkingHours are required, each at least 1");
        }
        List<String> days = p.workingDays() == null ? List.of() : p.workingDays();
        for (String day : days) {
            if (!BulkReadPolicy.DAYS.contains(day)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "workingDays", "invalid_value", "Days among " + BulkReadPolicy.DAYS);
            }
        }
        LocalTime start = time("workStart", p.workStart());
        LocalTime end = time("workEnd", p.workEnd());
        if (!end.isAfter(start)) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "workEnd", "before_start", "workEnd must come after workStart");
        }
        String zone = p.timeZone() == null ? config.bulkRead().timeZone() : p.timeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "timeZone", "invalid_value", "An IANA time zone such as Europe/Madrid");
        }
        em.createNativeQuery("""
                insert into bulk_read_policy (tenant_id, id, per_hour, per_hour_outside_hours, working_days, work_start, work_end, time_zone, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (tenant_id) do update set per_hour = excluded.per_hour, per_hour_outside_hours = excluded.per_hour_outside_hours,
                    working_days = excluded.working_days, work_start = excluded.work_start, work_end = excluded.work_end,
                    time_zone = excluded.time_zone, updated_at = excluded.updated_at
                """).setParameter(1, TenantContext.current()).setParameter(2, Ids.next()).setParameter(3, p.perHour())
                .setParameter(4, p.perHourOutsideWorkingHours()).setParameter(5, days.toArray(String[]::new))
                .setParameter(6, start).setParameter(7, end).setParameter(8, zone).setParameter(9, clock.now()).executeUpdate();
        policies.invalidate(TenantContext.current());
        BulkReadPolicy saved = new BulkReadPolicy(p.perHour(), p.perHourOutsideWorkingHours(), days, p.workStart(), p.workEnd(), zone);
        events.append("bulk_read_policy", UUID.nameUUIDFromBytes(TenantContext.current().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "updated", Map.of("perHour", saved.perHour(), "perHourOutsideWorkingHours", saved.perHourOutsideWorkingHours()));
        return saved;
    }

    private static LocalTime time(String field, String text) {
        try {
            return LocalTime.parse(text == null ? "" : text);
        } catch (DateTimeException e) {
            throw new TorreException(ErrorCode.VALIDATION, field + " must be a time such as 08:00",
                    List.of(new FieldError(field, "invalid_value", "HH:mm")));
        }
    }
}
