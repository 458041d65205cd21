package dev.torre.ticket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a priority rule; a condition left out matches anything. */
@Schema(name = "TicketPriorityRuleInput", description = "Sets the priority of new tickets that come without one")
public record TicketPriorityRuleInput(
        @Size(max = 200) String name,
        @Min(0) @Max(1_000_000) @Schema(description = "Rules are tried in ascending position (then creation order); the first match wins. Default 0") Integer position,
        @Pattern(regexp = "standard|silver|gold|platinum", message = "must be one of standard, silver, gold, platinum")
        @Schema(description = "The tier of the ticket's company") String companyTier,
        TicketChannel channel,
        @NotNull TicketPriority priority) {
}
