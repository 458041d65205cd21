package dev.torre.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/** The tenant's API usage, per day, API client and operation family, over at most {@value #MAX_DAYS} days. */
@ApplicationScoped
public class UsageService {

    @Inject
    ServerClock clock;

    static final int MAX_DAYS = 92;

    @Inject
    EntityManager em;

    @RequiresScope("usage:admin")
    public UsageReport report(String from, String to) {
        LocalDate last = to == null || to.isBlank() ? LocalDate.ofInstant(clock.now(), ZoneOffset.UTC) : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(6) : date("from", from);
        if (first.isAfter(last)) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "from", "after_to", "'from' is after 'to'");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "from", "range_too_long",
                    "Ask for at most " + MAX_DAYS + " days at a time");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select day, client_id, family, total, client_errors, rate_limited, server_errors from api_usage
                where tenant_id = ?1 and day between ?2 and ?3
                order by day, client_id, family
                """).setParameter(1, TenantContext.current()).setParameter(2, first).setParameter(3, last).getResultList();
        List<UsageReport.Line> lines = rows.stream().map(r -> new UsageReport.Line(
                r[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[0],
                ((String) r[1]).isEmpty() ? null : (String) r[1], (String) r[2],
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue()))
                .toList();
        return new UsageReport(first, last, lines);
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_date", "'" + field + "' must be a date such as 2026-12-06");
        }
    }
}
