package dev.torre.webhook;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A delivery as the API shows it: which event, how it went, and when it is tried next. */
@Type("WebhookDelivery")
public record DeliveryView(@Id UUID id, String eventId, String eventType,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The webhook-id header sent: the receiver's dedupe key") String messageId,
        String status, int attempts,
        Integer responseStatus, Integer latencyMs, String lastError, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt) {

    static DeliveryView of(WebhookDelivery d) {
        return new DeliveryView(d.id, d.eventSeq == null ? null : d.eventSeq.toString(), d.eventType, d.messageId, d.status,
                d.attempts, d.responseStatus, d.latencyMs, d.lastError, "pending".equals(d.status) ? d.nextAttemptAt : null,
                d.deliveredAt, d.createdAt);
    }
}
