package dev.torre.ticket;

import dev.torre.platform.persistence.WireEnum;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists, searches and GraphQL may filter and sort tickets by. */
final class TicketFields {

    static final FieldRegistry<Ticket> REGISTRY = FieldRegistry.<Ticket>builder("ticket", "c.id", Ticket::id)
            .field("subject", "c.subject", FieldType.STRING, null)
            .field("status", "c.status", FieldType.ENUM, t -> t.status.wire()).enumValues(WireEnum.wireValues(TicketStatus.class)).sortable()
            .field("priority", "c.priority", FieldType.ENUM, null).enumValues(WireEnum.wireValues(TicketPriority.class))
            .field("channel", "c.channel", FieldType.ENUM, null).enumValues(WireEnum.wireValues(TicketChannel.class))
            .field("contactId", "c.contact_id", FieldType.UUID, null)
            .field("companyId", "c.company_id", FieldType.UUID, null)
            .field("assigneeId", "c.assignee_id", FieldType.STRING, t -> t.assigneeId).sortable()
            .field("tags", "c.tags", FieldType.STRING_ARRAY, null)
            .field("externalId", "c.external_id", FieldType.STRING, t -> t.externalId).sortable()
            .field("openedAt", "c.opened_at", FieldType.TIMESTAMP, t -> t.openedAt).sortable()
            .field("resolvedAt", "c.resolved_at", FieldType.TIMESTAMP, t -> t.resolvedAt).sortable()
            .field("firstRespondedAt", "c.first_responded_at", FieldType.TIMESTAMP, t -> t.firstRespondedAt).sortable()
            .field("reopenCount", "c.reopen_count", FieldType.NUMBER, t -> t.reopenCount).sortable()
            .field("resolutionDueAt", "c.resolution_due_at", FieldType.TIMESTAMP, t -> t.resolutionDueAt).sortable()
            .field("firstResponseDueAt", "c.first_response_due_at", FieldType.TIMESTAMP, t -> t.firstResponseDueAt).sortable()
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Ticket::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Ticket::updatedAt).sortable()
            .jsonProperties("properties", "c.properties")
            .searchCovers("subject", "description")
            .build();

    private TicketFields() {
    }
}
