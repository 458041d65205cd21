package dev.torre.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** The GraphQL input for opening or changing a ticket; checked by the same rules as REST. */
@Input("TicketInput")
public record TicketWrite(String subject, String description, TicketStatus status, TicketPriority priority, TicketChannel channel,
        UUID contactId, UUID companyId, String assigneeId, List<String> tags, String externalId,
        @Description("Custom fields as a JSON object in text; on update it is merged") String properties,
        Instant openedAt, Instant resolvedAt) {
}
