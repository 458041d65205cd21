package dev.torre.deal;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/**
 * One step of a pipeline. Changed through its own methods, which {@link PipelineService}
 * calls: the pipeline's service owns the stages too.
 */
@Entity
@Table(name = "pipeline_stage")
public class PipelineStage extends TenantEntity {

    @Column(name = "pipeline_id", nullable = false, updatable = false)
    public UUID pipelineId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public StageKind kind;

    @Column(nullable = false)
    public BigDecimal probability;

    static PipelineStage of(UUID pipelineId, int position, StageInput input) {
        PipelineStage stage = new PipelineStage();
        stage.pipelineId = pipelineId;
        stage.position = position;
        stage.set(input);
        return stage;
    }

    void set(StageInput input) {
        name = input.name().trim();
        kind = input.kind();
        probability = input.effectiveProbability();
    }

    void moveTo(int newPosition) {
        position = newPosition;
    }
}
