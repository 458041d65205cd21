package dev.torre.deal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Type;

/** A pipeline with its stages in order. */
@Type("Pipeline")
public record PipelineView(@Id UUID id, String name, @Name("isDefault") boolean isDefault, List<StageView> stages, long version,
        Instant createdAt, Instant updatedAt) {

    static PipelineView of(Pipeline p, List<StageView> stages) {
        return new PipelineView(p.id, p.name, p.isDefault, stages, p.version, p.createdAt, p.updatedAt);
    }
}
