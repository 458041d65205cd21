package dev.torre.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

/** A business calendar as the API shows it. */
@Type("BusinessCalendar")
public record BusinessCalendarView(UUID id, String name, String timeZone, @Ignore Map<String, List<String>> weeklyHours,
        List<LocalDate> holidays, long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static BusinessCalendarView of(BusinessCalendar c) {
        return new BusinessCalendarView(c.id, c.name, c.timeZone, c.weeklyHours, List.copyOf(c.holidays), c.version, c.createdAt,
                c.updatedAt, c.archivedAt);
    }
}
