package dev.torre.webhook;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** How delivery lists page: newest first, by id (time-ordered). */
final class DeliveryFields {

    static final FieldRegistry<WebhookDelivery> REGISTRY = FieldRegistry.<WebhookDelivery>builder("webhook_delivery", "c.id", WebhookDelivery::id)
            .field("status", "c.status", FieldType.STRING, null)
            .field("eventType", "c.event_type", FieldType.STRING, null)
            .build();

    private DeliveryFields() {
    }
}
