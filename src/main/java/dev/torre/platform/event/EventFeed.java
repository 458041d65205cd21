package dev.torre.platform.event;

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

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;

/**
 * Reads the event log in a stable order per tenant. Events are ordered by the id of the
 * transaction that wrote them, then by sequence, and only events of transactions older
 * than every transaction still running are returned: an event can never appear later
 * behind a position a reader has already passed, so a cursor resumes exactly.
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
    dev.torre.platform.access.AccessPolicies access;

    /** One page of events after the cursor; {@code next} is where to resume, even when the page is empty. */
    public record Page(List<EventView> data, String next) {
    }

    /** A caller's page: events about records of a type its roles may not read are left out, like the records. */
    @RequiresScope("events:read")
    public Page read(String after, List<String> types, int limit) {
        return page(caller.tenant(), after, types, access.unreadableTypes(), limit);
    }

    /**
     * The same page for background readers (scoring, deliveries), which act for a tenant outside any request;
     * the caller is trusted, so no scope is checked and every type is read.
     */
    public Page readAfter(String tenant, String after, List<String> types, int limit) {
        return page(tenant, after, types, java.util.Set.of(), limit);
    }

    private Page page(String tenant, String after, List<String> types, java.util.Set<String> unreadable, int limit) {
        long[] position = decode(after);
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
        String sql = """
                select seq, cast(tx_id as text), type, entity_type, entity_id, actor, request_id, occurred_at, cast(payload as text)
                from event_log
                where tenant_id = ?
                  and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                  and (tx_id, seq) > (cast(? as xid8), ?)
                """ + (types.isEmpty() ? "" : "  and (type = any(?) or type like any(?))\n")
                + (unreadable.isEmpty() ? "" : "  and entity_type <> all(?)\n") + """
                order by tx_id, seq
                limit ?
                """;
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            query.setString(i++, tenant);
            query.setString(i++, Long.toString(position[0]));
            query.setLong(i++, position[1]);
            if (!types.isEmpty()) {
                query.setArray(i++, connection.createArrayOf("text", exact.toArray()));
                query.setArray(i++, connection.createArrayOf("text", prefixes.toArray()));
            }
            if (!unreadable.isEmpty()) {
                query.setArray(i++, connection.createArrayOf("text", unreadable.toArray()));
            }
            query.setInt(i, limit);
            List<EventView> events = new ArrayList<>();
            String next = after == null ? encode(0, 0) : after;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    long tx = Long.parseLong(rows.getString(2));
                    events.add(new EventView(Long.toString(seq), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getTimestamp(8).toInstant(), visible(rows.getString(4), mapper.readValue(rows.getString(9), MAP))));
                    next = encode(tx, seq);
                }
            }
            return new Page(events, next);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
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

    /** A payload without the fields of its record the caller may not see (in {@code data} and {@code changes}). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> visible(String entityType, Map<String, Object> payload) {
        java.util.Set<String> hidden = access.hiddenFields(entityType);
        if (!hidden.isEmpty()) {
            for (String part : List.of("data", "changes")) {
                if (payload.get(part) instanceof Map<?, ?> fields) {
                    ((Map<String, Object>) fields).keySet().removeAll(hidden);
                }
            }
        }
        return payload;
    }

    private static String encode(long tx, long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((tx + ":" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    private static long[] decode(String cursor) {
        if (cursor == null) {
            return new long[] { 0, 0 };
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            long tx = Long.parseLong(parts[0]);
            long seq = Long.parseLong(parts[1]);
            if (parts.length != 2 || tx < 0 || seq < 0) {
                throw new IllegalArgumentException();
            }
            return new long[] { tx, seq };
        } catch (RuntimeException e) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "The 'after' cursor is not one this feed returned",
                    List.of(new FieldError("after", "invalid_cursor", "Use the 'next' value of a previous page")));
        }
    }
}
