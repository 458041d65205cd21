package dev.torre.platform.feed;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.access.HiddenPayloads;
import dev.torre.platform.audit.BulkReadGuard;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Reads the event log in a stable order per tenant. Before reading, it publishes the tenant's
 * committed events that no reader has published yet as the next batch (a number from a
 * sequence, under a per-tenant lock, in a short transaction of its own); the feed is ordered by
 * batch, then writing transaction, then sequence. An event of a transaction still running is
 * invisible to the publisher and joins a later batch when it commits, so it can never appear
 * behind a position a reader has already passed, and only its own tenant's later events wait
 * for it: another tenant's long transaction holds nothing back.
 */
@ApplicationScoped
public class EventFeed {

    private static final Pattern TYPE = Pattern.compile("[a-z_]{1,40}\\.([a-z_]{1,40}|\\*)");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventReaders readers;

    @Inject
    HiddenPayloads hiddenPayloads;

    @Inject
    BulkReadGuard bulkReads;

    /** One page of events after the cursor; {@code next} is where to resume, even when the page is empty. */
    public record Page(List<EventView> data, String next) {
    }

    /**
     * A caller's page: only events about records of a type its roles and its token's scopes let it read, each
     * without the fields it may not see; counted by the bulk-read guard like any page of records.
     */
    @RequiresScope("events:read")
    public Page read(String after, List<String> types, int limit) {
        Page page = page(caller.tenant(), after, types, readers.readableTypes().orElse(null), limit, true);
        bulkReads.record("event", page.data().size());
        return page;
    }

    /**
     * A webhook subscription's page, read as its owner (the same types, scopes and hidden fields as {@link #read}) but
     * not counted as the owner's bulk read: the deliveries are a standing agreement with their own log, and counting
     * them blocked the owner, and with them every delivery of the tenant, once a busy hour passed the threshold.
     */
    @RequiresScope("events:read")
    public Page readForSubscription(String after, List<String> types, int limit) {
        return page(caller.tenant(), after, types, readers.readableTypes().orElse(null), limit, true);
    }

    /**
     * The same page for background readers (scoring, deliveries), which act for a tenant outside any request;
     * the caller is trusted, so no scope is checked and every type is read.
     */
    public Page readAfter(String tenant, String after, List<String> types, int limit) {
        return page(tenant, after, types, null, limit, false);
    }

    /**
     * @param readable the entity types to return, or null for all
     * @param hiding   whether to leave out what the current caller may not see
     */
    private Page page(String tenant, String after, List<String> types, java.util.Set<String> readable, int limit, boolean hiding) {
        long[] position = decode(after);
        publish(tenant);
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String type : types) {
            if (!TYPE.matcher(type).matches()) {
                throw new TorreException(ErrorCode.INVALID_QUERY, "Unknown event type pattern '" + type + "'",
                        List.of(new FieldError("types", "invalid_value", "Use types such as contact.updated or contact.*")));
            }
            if (type.endsWith(".*")) {
                prefixes.add(type.substring(0, type.length() - 1) + "%");
            } else {
                exact.add(type);
            }
        }
        // The transaction id is read as text under another name: an output column named tx_id would be what
        // "order by tx_id" sorts by, in text order ("1000" before "999"), while the cursor compares numbers, so a
        // page would skip the events of the shorter numbers. The order is the table's columns, named by alias.
        String sql = """
                select e.seq, cast(e.tx_id as text) as tx_text, e.type, e.entity_type, e.entity_id, e.actor, e.request_id,
                       e.occurred_at, cast(e.payload as text), e.feed_batch
                from event_log e
                where e.tenant_id = ?
                  and e.feed_batch is not null
                  and (e.feed_batch, e.tx_id, e.seq) > (?, cast(? as xid8), ?)
                """ + (types.isEmpty() ? "" : "  and (e.type = any(?) or e.type like any(?))\n")
                + (readable == null ? "" : "  and e.entity_type = any(?)\n") + """
                order by e.feed_batch, e.tx_id, e.seq
                limit ?
                """;
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            int i = bindTenantAndPosition(query, tenant, position);
            if (!types.isEmpty()) {
                query.setArray(i++, connection.createArrayOf("text", exact.toArray()));
                query.setArray(i++, connection.createArrayOf("text", prefixes.toArray()));
            }
            if (readable != null) {
                query.setArray(i++, connection.createArrayOf("text", readable.toArray()));
            }
            query.setInt(i, limit);
            List<EventView> events = new ArrayList<>();
            String next = after == null ? encode(0, 0, 0) : after;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(view(rows, hiding));
                    next = encode(rows.getLong(10), Long.parseLong(rows.getString(2)), rows.getLong(1));
                }
            }
            return new Page(events, next);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
    }

    /**
     * Reads ahead of a background reader's cursor without publishing: of the newest {@code scan} published events after
     * {@code after}, the newest {@code most} of those whose transactions wrote at most {@code maxPerTransaction} of them
     * (a single create, update or interaction, not an import's or a batch's page), oldest first. {@code next} is the
     * newest event scanned, so the next read goes on from there; what lies between {@code after} and the scan, and the
     * older single writes past {@code most}, are the cursor's to read. For a worker that serves single writes ahead of
     * a backlog; its cursor still reads every event in order, these included.
     */
    public Page smallTransactionsAfter(String tenant, String after, int scan, int maxPerTransaction, int most) {
        long[] position = decode(after);
        // a transaction's events are published in one batch, so the ones in the scan are all of them, except for the
        // oldest transaction the scan cuts: it may look small, and is then read ahead too (harmless, the cursor reads it again)
        String sql = """
                with scan as materialized (
                  select e.seq, e.tx_id, e.type, e.entity_type, e.entity_id, e.actor, e.request_id, e.occurred_at,
                         e.payload, e.feed_batch
                  from event_log e
                  where e.tenant_id = ? and e.feed_batch is not null
                    and (e.feed_batch, e.tx_id, e.seq) > (?, cast(? as xid8), ?)
                  order by e.feed_batch desc, e.tx_id desc, e.seq desc
                  limit ?
                ), sized as (
                  select s.*, count(*) over (partition by s.feed_batch, s.tx_id) as written
                  from scan s
                ), ranked as (
                  select z.*, row_number() over newest as from_end,
                         count(*) filter (where z.written <= ?) over newest as small_from_end
                  from sized z
                  window newest as (order by z.feed_batch desc, z.tx_id desc, z.seq desc rows unbounded preceding)
                ), marked as (
                  select r.*, r.written <= ? and r.small_from_end <= ? as picked from ranked r
                )
                select seq, cast(tx_id as text) as tx_text, type, entity_type, entity_id, actor, request_id, occurred_at,
                       cast(payload as text), feed_batch, picked
                from marked
                where picked or from_end = 1
                order by feed_batch, tx_id, seq
                """;
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            int i = bindTenantAndPosition(query, tenant, position);
            query.setInt(i++, scan);
            query.setInt(i++, maxPerTransaction);
            query.setInt(i++, maxPerTransaction);
            query.setInt(i, most);
            List<EventView> events = new ArrayList<>();
            String next = after == null ? encode(0, 0, 0) : after;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBoolean(11)) {
                        events.add(view(rows, false));
                    }
                    next = encode(rows.getLong(10), Long.parseLong(rows.getString(2)), rows.getLong(1));
                }
            }
            return new Page(events, next);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
    }

    /** Binds a feed query's first parameters, the tenant and the position after which to read; answers the next index. */
    private static int bindTenantAndPosition(PreparedStatement query, String tenant, long[] position) throws SQLException {
        query.setString(1, tenant);
        query.setLong(2, position[0]);
        query.setString(3, Long.toString(position[1]));
        query.setLong(4, position[2]);
        return 5;
    }

    /** The event of a row whose first ten columns are those of {@link #page}'s query. */
    private EventView view(ResultSet rows, boolean hiding) throws SQLException, java.io.IOException {
        Map<String, Object> payload = mapper.readValue(rows.getString(9), MAP);
        return new EventView(Long.toString(rows.getLong(1)), rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7), rows.getTimestamp(8).toInstant(),
                hiding ? visible(rows.getString(4), payload) : payload);
    }

    /**
     * Events about one record, oldest first: those naming it as their entity and those whose
     * payload names it as {@code contactId} (a consent entry, an interaction), each found through an
     * index ({@code payload_contact_id} is that payload field, generated). For exports;
     * the caller has checked who may see them.
     */
    public List<EventView> about(java.util.UUID id, int limit) {
        String sql = """
                select seq, type, entity_type, entity_id, actor, request_id, occurred_at, cast(payload as text)
                from event_log
                where tenant_id = ? and (entity_id = ? or payload_contact_id = ?)
                order by seq
                limit ?
                """;
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, dev.torre.platform.tenancy.TenantContext.current());
            query.setObject(2, id);
            query.setString(3, id.toString());
            query.setInt(4, limit);
            List<EventView> events = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(new EventView(Long.toString(rows.getLong(1)), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getTimestamp(7).toInstant(),
                            visible(rows.getString(3), mapper.readValue(rows.getString(8), MAP))));
                }
            }
            return events;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
    }

    /** A payload without the fields of its record the caller may not see, at any depth. */
    private Map<String, Object> visible(String entityType, Map<String, Object> payload) {
        return hiddenPayloads.visible(entityType, payload);
    }

    /**
     * Gives the tenant's committed, unpublished events the next batch number. The per-tenant lock
     * makes publications of one tenant follow each other, each committed before the next starts,
     * so what a reader sees of the feed only ever grows at its end. Which transactions wait is read
     * from {@code event_feed_pending}, where each writing transaction entered itself (a trigger on the
     * log); the publication takes those entries out and stamps exactly their events.
     */
    private void publish(String tenant) {
        if (!unpublished(tenant)) {
            return;
        }
        QuarkusTransaction.requiringNew().timeout(10).run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                // The events are found through the partial index on (tenant_id, tx_id) where feed_batch is null, which
                // holds only what waits. Statistics sampled while a backlog waited say most of the log is unpublished,
                // and with them the planner preferred a scan of the tenant's whole log (measured: a hash join over it);
                // this short transaction does nothing else, so with the lock it rules scans of whole tables out.
                try (PreparedStatement lock = connection.prepareStatement(
                        "select pg_advisory_xact_lock(hashtextextended(?, 0)), set_config('enable_seqscan', 'off', true)")) {
                    lock.setString(1, "torre.feed:" + tenant);
                    lock.execute();
                }
                try (PreparedStatement batch = connection.prepareStatement("""
                        with waiting as (delete from event_feed_pending where tenant_id = ? returning tx_id)
                        update event_log set feed_batch = (select nextval('event_feed_batch_seq'))
                        where tenant_id = ? and feed_batch is null and tx_id = any(array(select tx_id from waiting))
                        """)) {
                    batch.setString(1, tenant);
                    batch.setString(2, tenant);
                    batch.executeUpdate();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Publishing the event log failed", e);
            }
        });
    }

    private boolean unpublished(String tenant) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select exists (select 1 from event_feed_pending where tenant_id = ?)")) {
            query.setString(1, tenant);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
    }

    private static String encode(long batch, long tx, long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((batch + ":" + tx + ":" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cursor from which a read returns every event that occurred at or after this time (and possibly a few
     * that occurred earlier but were published later: at least once), or empty when none has. For replays.
     */
    public java.util.Optional<String> cursorAt(String tenant, java.time.Instant from) {
        publish(tenant);
        String sql = """
                select e.feed_batch, cast(e.tx_id as text) as tx_text, e.seq from event_log e
                where e.tenant_id = ? and e.feed_batch is not null and e.occurred_at >= ?
                order by e.feed_batch, e.tx_id, e.seq
                limit 1
                """;
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            query.setObject(2, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next()
                        ? java.util.Optional.of(encode(rows.getLong(1), Long.parseLong(rows.getString(2)), rows.getLong(3) - 1))
                        : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
    }

    /** The cursor after the last event published now: a reader starting there receives only what comes later. */
    public String end(String tenant) {
        publish(tenant);
        String sql = """
                select e.feed_batch, cast(e.tx_id as text) as tx_text, e.seq from event_log e
                where e.tenant_id = ? and e.feed_batch is not null
                order by e.feed_batch desc, e.tx_id desc, e.seq desc
                limit 1
                """;
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? encode(rows.getLong(1), Long.parseLong(rows.getString(2)), rows.getLong(3)) : encode(0, 0, 0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
    }

    /** Whether a reader at cursor {@code a} has not yet read past cursor {@code b} (a null cursor is the log's start). */
    public static boolean notPast(String a, String b) {
        return java.util.Arrays.compare(decode(a), decode(b)) <= 0;
    }

    /** Whether this is a cursor the feed could have returned. */
    public static boolean isCursor(String cursor) {
        try {
            decode(cursor);
            return cursor != null;
        } catch (TorreException e) {
            return false;
        }
    }

    private static long[] decode(String cursor) {
        if (cursor == null) {
            return new long[] { 0, 0, 0 };
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            long[] position = { Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]) };
            if (position[0] < 0 || position[1] < 0 || position[2] < 0) {
                throw new IllegalArgumentException();
            }
            return position;
        } catch (RuntimeException e) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "The 'after' cursor is not one this feed returned",
                    List.of(new FieldError("after", "invalid_cursor", "Use the 'next' value of a previous page")));
        }
    }
}
