package dev.torre.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

/** A ticket as the API shows it, with the state of its SLA targets. */
@Type("Ticket")
public record TicketView(
        @Id UUID id,
        String subject,
        String description,
        TicketStatus status,
        TicketPriority priority,
        TicketChannel channel,
        UUID contactId,
        UUID companyId,
        String assigneeId,
        List<String> tags,
        String externalId,
        @Ignore Map<String, Object> properties,
        Instant openedAt,
        Instant firstRespondedAt,
        Instant resolvedAt,
        Instant closedAt,
        int reopenCount,
        UUID slaPolicyId,
        SlaStatusView firstResponseSla,
        SlaStatusView resolutionSla,
        Integer csatScore,
        String csatComment,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt) {
}
