package dev.torre.platform.audit;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant's bulk-read thresholds: records an actor may receive per sliding hour, and a
 * stricter number outside working hours (days, start and end in the tenant's time zone).
 */
@Schema(name = "BulkReadPolicy")
public record BulkReadPolicy(
        @Schema(examples = "5000") Integer perHour,
        @Schema(examples = "1000") Integer perHourOutsideWorkingHours,
        @Schema(examples = "[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]") List<String> workingDays,
        @Schema(examples = "08:00") String workStart,
        @Schema(examples = "20:00") String workEnd,
        @Schema(examples = "Europe/Madrid") String timeZone) {

    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** The threshold in force at this moment. */
    int thresholdAt(java.time.Instant now) {
        ZonedDateTime local = now.atZone(ZoneId.of(timeZone));
        String day = DAYS.get(local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
        LocalTime time = local.toLocalTime();
        boolean working = workingDays.contains(day) && !time.isBefore(LocalTime.parse(workStart)) && time.isBefore(LocalTime.parse(workEnd));
        return working ? perHour : perHourOutsideWorkingHours;
    }
}
