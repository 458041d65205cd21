package dev.torre.ticket;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/** Service KPIs, each computed by PostgreSQL (aggregates, percentiles and grouping sets), never by loading tickets. */
@ApplicationScoped
public class ServiceAnalyticsService {

    @Inject
    ServerClock clock;

    private static final Map<String, String> GROUP_KEYS = Map.of(
            "assignee", "t.assignee_id", "channel", "t.channel", "priority", "t.priority", "company", "t.company_id::text");
    /** The ticket field each grouping shows, for the access policy. */
    private static final Map<String, String> GROUP_FIELDS = Map.of(
            "assignee", "assigneeId", "channel", "channel", "priority", "priority", "company", "companyId");

    /** Over the tickets opened in the period: one row per group and one for all (total = 1). */
    private static final String OPENED = """
            select grouping(%1$s) as total, %1$s as key,
              count(*),
              round(count(*) filter (where t.resolved_at is not null and t.outbound_count = 1 and t.reopen_count = 0)::numeric
                    / nullif(count(*) filter (where t.resolved_at is not null), 0), 4),
              round(percentile_cont(0.5) within group (order by extract(epoch from t.first_responded_at - t.opened_at))::numeric, 3),
              round(percentile_cont(0.9) within group (order by extract(epoch from t.first_responded_at - t.opened_at))::numeric, 3),
              round(percentile_cont(0.5) within group (order by extract(epoch from t.resolved_at - t.opened_at))::numeric, 3),
              round(percentile_cont(0.9) within group (order by extract(epoch from t.resolved_at - t.opened_at))::numeric, 3),
              round(100.0 * count(*) filter (where t.first_responded_at <= t.first_response_due_at)
                    / nullif(count(*) filter (where t.first_response_due_at is not null
                                               and (t.first_responded_at is not null or t.first_response_due_at <= ?3)), 0), 2),
              round(100.0 * count(*) filter (where t.resolved_at is not null and t.resolution_spent_seconds <= t.resolution_minutes * 60)
                    / nullif(count(*) filter (where t.resolution_minutes is not null and (t.resolved_at is not null or t.resolution_breached
                                               or t.resolution_spent_seconds > t.resolution_minutes * 60
                                               or t.resolution_running_since is not null and t.resolution_due_at <= ?3)), 0), 2),
              round(avg(t.csat_score), 2),
              count(t.csat_score),
              round(count(*) filter (where t.reopen_count > 0)::numeric
                    / nullif(count(*) filter (where t.resolved_at is not null or t.reopen_count > 0), 0), 4)
            from ticket t
            where t.tenant_id = ?1 and t.archived_at is null and t.opened_at >= ?2 and t.opened_at < ?3
            group by grouping sets ((%1$s), ())
            """;

    /** The backlog at the end of the period: opened before it, not resolved by it. */
    private static final String BACKLOG = """
            select grouping(%1$s) as total, %1$s as key, count(*),
              round(avg(extract(epoch from cast(?2 as timestamptz) - t.opened_at))::numeric, 3)
            from ticket t
            where t.tenant_id = ?1 and t.archived_at is null and t.opened_at < ?2 and (t.resolved_at is null or t.resolved_at >= ?2)
            group by grouping sets ((%1$s), ())
            """;

    private static final String NPS = """
            select count(*) filter (where score >= 9), count(*) filter (where score between 7 and 8),
              count(*) filter (where score <= 6), count(*),
              round(100.0 * (count(*) filter (where score >= 9) - count(*) filter (where score <= 6)) / nullif(count(*), 0), 2)
            from nps_response where tenant_id = ?1 and responded_at >= ?2 and responded_at < ?3
            """;

    @Inject
    EntityManager em;

    @Inject
    AccessPolicies access;

    @RequiresScope("tickets:read")
    public ServiceKpisView kpis(Instant from, Instant to, String groupBy) {
        Instant end = to == null ? clock.now() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw TorreException.invalidField(ErrorCode.INVALID_QUERY, "from", "out_of_range", "from must be before to");
        }
        if (groupBy != null && !GROUP_KEYS.containsKey(groupBy)) {
            throw TorreException.invalidField(ErrorCode.INVALID_QUERY, "groupBy", "invalid_value",
                    "groupBy is one of assignee, channel, priority, company");
        }
        Set<String> hidden = access.hiddenFields("ticket");
        if (groupBy != null && hidden.contains(GROUP_FIELDS.get(groupBy))) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "You may not group by " + groupBy + ": the field is hidden from your role",
                    List.of(new FieldError("groupBy", "hidden_field", "Hidden from your role")));
        }
        // a role that may not see CSAT scores gets no average of them
        boolean csat = !hidden.contains("csatScore");
        // without groupBy, grouping by the tenant gives one group (dropped) beside the totals
        String key = groupBy == null ? "t.tenant_id" : GROUP_KEYS.get(groupBy);
        String tenant = TenantContext.current();

        Map<String, Object[]> backlog = new LinkedHashMap<>();
        Object[] backlogTotal = { 0L, null };
        for (Object[] row : rows(BACKLOG.formatted(key), tenant, end)) {
            Object[] figures = { row[2], row[3] };
            if (total(row)) {
                backlogTotal = figures;
            } else {
                backlog.put(keyOf(row), figures);
            }
        }
        ServiceKpisView.Kpis totals = null;
        List<ServiceKpisView.Group> groups = new ArrayList<>();
        for (Object[] row : rows(OPENED.formatted(key), tenant, start, end)) {
            if (!csat) {
                row[10] = null;
            }
            if (total(row)) {
                totals = kpis(row, backlogTotal, csat);
            } else {
                Object[] b = backlog.remove(keyOf(row));
                groups.add(new ServiceKpisView.Group(keyOf(row), kpis(row, b == null ? new Object[] { 0L, null } : b, csat)));
            }
        }
        // groups with a backlog but no ticket opened in the period
        backlog.forEach((k, b) -> groups.add(new ServiceKpisView.Group(k, kpis(new Object[15], b, csat))));
        if (totals == null) {
            totals = kpis(new Object[15], backlogTotal, csat);
        }
        Object[] nps = rows(NPS, tenant, start, end).getFirst();
        return new ServiceKpisView(start, end, groupBy, totals, groupBy == null ? List.of() : groups,
                new ServiceKpisView.Nps(decimal(nps[4]), count(nps[0]), count(nps[1]), count(nps[2]), count(nps[3])));
    }

    private static ServiceKpisView.Kpis kpis(Object[] r, Object[] backlog, boolean csat) {
        return new ServiceKpisView.Kpis(count(r[2]), decimal(r[3]), decimal(r[4]), decimal(r[5]), decimal(r[6]), decimal(r[7]),
                decimal(r[8]), decimal(r[9]), count(backlog[0]), decimal(backlog[1]), decimal(r[10]), csat ? count(r[11]) : null, decimal(r[12]));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.getResultList();
    }

    private static boolean total(Object[] row) {
        return ((Number) row[0]).intValue() == 1;
    }

    private static String keyOf(Object[] row) {
        return row[1] == null ? null : row[1].toString();
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal plain = new BigDecimal(value.toString()).stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }
}
