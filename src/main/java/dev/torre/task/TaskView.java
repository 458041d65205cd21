package dev.torre.task;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A task as the API shows it; overdue when open past its due time. */
@Type("Task")
public record TaskView(@Id UUID id, String title, String description, Instant dueAt, String assigneeId, TaskStatus status,
        TaskPriority priority, UUID contactId, UUID companyId, UUID dealId, UUID ticketId, Instant completedAt, String externalId,
        boolean overdue, long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static TaskView of(Task t, Instant now) {
        boolean overdue = t.status == TaskStatus.OPEN && t.dueAt != null && t.dueAt.isBefore(now);
        return new TaskView(t.id, t.title, t.description, t.dueAt, t.assigneeId, t.status, t.priority, t.contactId, t.companyId,
                t.dealId, t.ticketId, t.completedAt, t.externalId, overdue, t.version, t.createdAt, t.updatedAt, t.archivedAt);
    }
}
