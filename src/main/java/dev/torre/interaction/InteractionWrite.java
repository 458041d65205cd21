package dev.torre.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** The GraphQL input for recording or changing an interaction; checked by the same rules as REST. */
@Input("InteractionInput")
public record InteractionWrite(InteractionType type, Direction direction, Instant occurredAt, String purpose, String subject,
        String body, String fromAddress, String toAddress, Integer durationSeconds, String recordingUrl, String pageUrl,
        BigDecimal sentiment, UUID contactId, UUID companyId, UUID dealId, UUID ticketId, String externalMessageId,
        String consentOverrideReason, @Description("Custom fields as a JSON object in text") String properties,
        @Description("Delivery status of an outbound message, reported by the delivery partner: queued, sent, delivered, opened, clicked, bounced, failed or replied") String status) {
}
