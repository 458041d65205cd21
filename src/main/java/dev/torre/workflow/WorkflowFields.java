package dev.torre.workflow;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter and sort workflows by. */
final class WorkflowFields {

    static final FieldRegistry<Workflow> REGISTRY = FieldRegistry.<Workflow>builder("workflow", "c.id", Workflow::id)
            .field("name", "c.name", FieldType.STRING, w -> w.name).sortable()
            .field("enabled", "c.enabled", FieldType.BOOLEAN, null)
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Workflow::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Workflow::updatedAt).sortable()
            .build();

    private WorkflowFields() {
    }
}
