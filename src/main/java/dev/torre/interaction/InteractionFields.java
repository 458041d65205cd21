package dev.torre.interaction;

import dev.torre.platform.persistence.WireEnum;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists and timelines may filter and sort interactions by. */
final class InteractionFields {

    static final FieldRegistry<Interaction> REGISTRY = FieldRegistry.<Interaction>builder("interaction", "c.id", Interaction::id)
            .field("type", "c.type", FieldType.ENUM, Interaction::typeName).enumValues(WireEnum.wireValues(InteractionType.class))
            .field("direction", "c.direction", FieldType.ENUM, null).enumValues(WireEnum.wireValues(Direction.class))
            .field("occurredAt", "c.occurred_at", FieldType.TIMESTAMP, Interaction::occurredAt).sortable()
            .field("purpose", "c.purpose", FieldType.STRING, null)
            .field("contactId", "c.contact_id", FieldType.UUID, null)
            .field("companyId", "c.company_id", FieldType.UUID, null)
            .field("dealId", "c.deal_id", FieldType.UUID, null)
            .field("ticketId", "c.ticket_id", FieldType.UUID, null)
            .field("externalMessageId", "c.external_message_id", FieldType.STRING, null)
            .field("status", "c.status", FieldType.ENUM, null)
                    .enumValues("queued", "sent", "delivered", "opened", "clicked", "bounced", "failed", "replied")
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Interaction::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Interaction::updatedAt).sortable()
            .jsonProperties("properties", "c.properties")
            .searchCovers("subject", "body")
            .build();

    /** Timelines: newest first, the id breaking ties the same way, as the timeline indexes are ordered. */
    static final String NEWEST_FIRST = "-occurredAt,-id";

    private InteractionFields() {
    }
}
