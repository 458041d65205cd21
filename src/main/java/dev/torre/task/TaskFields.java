package dev.torre.task;

import dev.torre.platform.persistence.WireEnum;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists and GraphQL may filter and sort tasks by. */
final class TaskFields {

    static final FieldRegistry<Task> REGISTRY = FieldRegistry.<Task>builder("task", "c.id", Task::id)
            .field("title", "c.title", FieldType.STRING, null)
            .field("status", "c.status", FieldType.ENUM, t -> t.status.wire()).enumValues(WireEnum.wireValues(TaskStatus.class)).sortable()
            .field("priority", "c.priority", FieldType.ENUM, null).enumValues(WireEnum.wireValues(TaskPriority.class))
            .field("dueAt", "c.due_at", FieldType.TIMESTAMP, t -> t.dueAt).sortable()
            .field("assigneeId", "c.assignee_id", FieldType.STRING, t -> t.assigneeId).sortable()
            .field("contactId", "c.contact_id", FieldType.UUID, null)
            .field("companyId", "c.company_id", FieldType.UUID, null)
            .field("dealId", "c.deal_id", FieldType.UUID, null)
            .field("ticketId", "c.ticket_id", FieldType.UUID, null)
            .field("externalId", "c.external_id", FieldType.STRING, t -> t.externalId).sortable()
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Task::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Task::updatedAt).sortable()
            .searchCovers("title", "description")
            .build();

    private TaskFields() {
    }
}
