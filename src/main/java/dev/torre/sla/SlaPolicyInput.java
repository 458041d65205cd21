package dev.torre.sla;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of an SLA policy. */
@Schema(name = "SlaPolicyInput", description = "Targets per priority for the tickets whose priority, company tier and channel match")
public record SlaPolicyInput(
        @NotBlank @Size(max = 200) String name,
        @Min(0) @Max(1_000_000) @Schema(description = "Policies are tried in ascending position (then creation order); the first match applies. Default 0") Integer position,
        @Size(max = 4) @Schema(description = "Priorities it applies to (low, normal, high, urgent); empty: any") List<String> priorities,
        @Size(max = 10) @Schema(description = "Company tiers it applies to (standard, silver, gold, platinum); empty: any") List<String> companyTiers,
        @Size(max = 20) @Schema(description = "Ticket channels it applies to; empty: any") List<String> channels,
        @NotEmpty @Size(max = 4) @Schema(description = "One target per priority") List<@Valid Target> targets,
        @Schema(description = "Business calendar the targets count in; absent: calendar hours (24/7)") UUID calendarId) {

    /** The targets for one priority, in minutes of the policy's hours; either may be absent. */
    @Schema(name = "SlaTarget")
    public record Target(
            @NotNull String priority,
            @Min(1) @Max(525_600) Integer firstResponseMinutes,
            @Min(1) @Max(5_256_000) Integer resolutionMinutes) {
    }
}
