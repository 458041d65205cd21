package dev.torre.platform.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;

/** The audit trail: every write from the event log and every bulk read, newest first, in one query. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    EntityManager em;

    @RequiresScope("audit:view")
    public List<AuditEntry> read(String actor, String entityType, String entityId, String from, String to, int limit) {
        if (limit < 1 || limit > 1000) {
            throw invalid("limit", "Between 1 and 1000");
        }
        UUID entity = null;
        if (entityId != null) {
            try {
                entity = UUID.fromString(entityId);
            } catch (IllegalArgumentException e) {
                throw invalid("entityId", "A UUID");
            }
        }
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        List<Object> params = new ArrayList<>();
        params.add(TenantContext.current());
        StringBuilder writes = new StringBuilder("""
                select 'write' as kind, e.occurred_at, e.actor, e.type, e.entity_type, cast(e.entity_id as text) as entity_id,
                       cast(null as text) as client_ip, cast(null as integer) as record_count, e.request_id
                from event_log e where e.tenant_id = ?1""");
        StringBuilder reads = new StringBuilder("""
                select 'bulk_read', r.occurred_at, r.actor, 'bulk_read', r.object_type, null, r.client_ip, r.record_count, null
                from bulk_read r where r.tenant_id = ?1""");
        condition(writes, reads, "actor = ?", actor, params);
        condition(writes, reads, "entity_type = ?", entityType, params);
        if (entity != null) {
            params.add(entity);
            writes.append(" and e.entity_id = ?").append(params.size());
            reads.append(" and false");
        }
        condition(writes, reads, "occurred_at >= ?", since, params);
        condition(writes, reads, "occurred_at < ?", until, params);
        String sql = "select * from (" + writes + " union all " + reads.toString().replace("r.entity_type", "r.object_type")
                + ") a order by occurred_at desc limit " + limit;
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new AuditEntry((String) r[0], toInstant(r[1]), (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], r[7] == null ? null : ((Number) r[7]).intValue(), (String) r[8])).toList();
    }

    /** Adds the same condition to both halves; a column named like the event log's is the bulk read's own. */
    private static void condition(StringBuilder writes, StringBuilder reads, String sql, Object value, List<Object> params) {
        if (value == null) {
            return;
        }
        params.add(value);
        String numbered = sql.replace("?", "?" + params.size());
        writes.append(" and e.").append(numbered);
        reads.append(" and r.").append(numbered);
    }

    private static Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, "An RFC 3339 timestamp such as 2024-05-01T12:00:00Z");
        }
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }

    private static TorreException invalid(String field, String message) {
        return new TorreException(ErrorCode.INVALID_QUERY, "Invalid '" + field + "': " + message,
                List.of(new FieldError(field, "invalid_value", message)));
    }
}
