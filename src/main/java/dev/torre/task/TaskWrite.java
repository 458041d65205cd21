package dev.torre.task;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Input;

/** The GraphQL input for creating or changing a task; checked by the same rules as REST. */
@Input("TaskInput")
public record TaskWrite(String title, String description, Instant dueAt, String assigneeId, TaskStatus status, TaskPriority priority,
        UUID contactId, UUID companyId, UUID dealId, UUID ticketId, String externalId) {
}
