package dev.torre.deal;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

/** A stage of a pipeline as the API shows it. */
@Type("Stage")
public record StageView(@Id UUID id, @Id UUID pipelineId, String name, int position, StageKind kind, BigDecimal probability) {

    /** The kind as the API writes it (open, won, lost), for other capabilities' reports. */
    @JsonIgnore
    @Ignore
    public String kindName() {
        return kind.wire();
    }

    static StageView of(PipelineStage s) {
        return new StageView(s.id, s.pipelineId, s.name, s.position, s.kind, s.probability.stripTrailingZeros());
    }
}
