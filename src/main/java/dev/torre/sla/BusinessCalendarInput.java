package dev.torre.sla;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a business calendar. */
@Schema(name = "BusinessCalendarInput", description = "Working hours: weekly windows in an IANA time zone, minus holidays")
public record BusinessCalendarInput(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) @Schema(description = "IANA time zone", examples = "Europe/Madrid") String timeZone,
        @NotNull @Schema(description = "Per day (mon..sun), windows as HH:MM-HH:MM; days left out are closed",
                examples = "{\"mon\":[\"09:00-14:00\",\"15:00-18:00\"],\"fri\":[\"09:00-15:00\"]}") Map<String, List<String>> weeklyHours,
        @Size(max = 1000) @Schema(description = "Local dates on which nothing is open") List<LocalDate> holidays) {
}
