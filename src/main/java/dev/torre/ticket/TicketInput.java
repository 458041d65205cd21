package dev.torre.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a ticket. */
@Schema(name = "TicketInput", description = "The writable fields of a ticket")
public record TicketInput(
        @NotBlank @Size(max = 500) String subject,
        @Size(max = 100_000) String description,
        @Schema(description = "Defaults to new") TicketStatus status,
        @Schema(description = "Absent: set by the tenant's priority rules, else normal") TicketPriority priority,
        TicketChannel channel,
        UUID contactId,
        @Schema(description = "Absent: the contact's company") UUID companyId,
        @Size(max = 200) String assigneeId,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 200) @Schema(description = "The caller's own key, unique per tenant") String externalId,
        @Schema(description = "Custom fields: a JSON object of up to 100 keys") Map<String, Object> properties,
        @Schema(description = "When the customer opened it; defaults to now (set it when importing history)") Instant openedAt,
        @Schema(description = "When it was resolved; set with status resolved or closed when importing history, else taken from the clock") Instant resolvedAt) {

    /** The same input with these custom properties (as they will be stored: sensitive ones sealed). */
    public TicketInput withProperties(Map<String, Object> properties) {
        return new TicketInput(subject, description, status, priority, channel, contactId, companyId, assigneeId, tags, externalId, properties, openedAt, resolvedAt);
    }

}
