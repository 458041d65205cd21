package dev.torre.workflow;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** A workflow as the API shows it; {@code definitionVersion} counts the changes of its trigger and steps. */
@Type("Workflow")
public record WorkflowView(@Id UUID id, String name, boolean enabled, boolean reenrollment,
        @Ignore @Schema(type = SchemaType.OBJECT, description = "What enrols a record (see WorkflowInput)") JsonNode trigger,
        @Ignore @Schema(type = SchemaType.ARRAY, description = "The steps each enrolment runs (see WorkflowInput)") JsonNode steps, int definitionVersion, long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static WorkflowView of(Workflow w) {
        return new WorkflowView(w.id, w.name, w.enabled, w.reenrollment, w.trigger, w.steps, w.definitionVersion, w.version,
                w.createdAt, w.updatedAt, w.archivedAt);
    }

}
