package dev.torre.order;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists and GraphQL may filter and sort orders by. */
final class OrderFields {

    static final FieldRegistry<Order> REGISTRY = FieldRegistry.<Order>builder("order", "c.id", Order::id)
            .field("externalId", "c.external_id", FieldType.STRING, o -> o.externalId).sortable()
            .field("contactId", "c.contact_id", FieldType.UUID, null)
            .field("companyId", "c.company_id", FieldType.UUID, null)
            .field("status", "c.status", FieldType.ENUM, null).enumValues("pending", "paid", "fulfilled", "cancelled", "refunded")
            .field("currency", "c.currency", FieldType.STRING, null)
            .field("total", "c.total_amount", FieldType.NUMBER, Order::totalAmount).sortable()
            .field("placedAt", "c.placed_at", FieldType.TIMESTAMP, Order::placedAt).sortable()
            .field("source", "c.source", FieldType.STRING, null)
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Order::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Order::updatedAt).sortable()
            .build();

    private OrderFields() {
    }
}
