package dev.torre.task;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a task. */
@Schema(name = "TaskInput", description = "The writable fields of a task")
public record TaskInput(
        @NotBlank @Size(max = 500) String title,
        @Size(max = 100_000) String description,
        Instant dueAt,
        @Size(max = 200) String assigneeId,
        @Schema(description = "Defaults to open") TaskStatus status,
        @Schema(description = "Defaults to normal") TaskPriority priority,
        UUID contactId,
        UUID companyId,
        UUID dealId,
        UUID ticketId,
        @Size(max = 200) @Schema(description = "The caller's own key, unique per tenant") String externalId) {
}
