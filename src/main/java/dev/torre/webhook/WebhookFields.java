package dev.torre.webhook;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter and sort webhook subscriptions by. */
final class WebhookFields {

    static final FieldRegistry<Webhook> REGISTRY = FieldRegistry.<Webhook>builder("webhook", "c.id", Webhook::id)
            .field("url", "c.url", FieldType.STRING, w -> w.url).sortable()
            .field("enabled", "c.enabled", FieldType.BOOLEAN, null)
            .field("description", "c.description", FieldType.STRING, null)
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Webhook::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Webhook::updatedAt).sortable()
            .build();

    private WebhookFields() {
    }
}
