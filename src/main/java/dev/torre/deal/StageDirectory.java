package dev.torre.deal;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import dev.torre.platform.error.TorreException;

/**
 * The tenant's stages, read once per request: deal rules and views look a stage up for
 * every deal, and a batch of 1000 deals must not cost 1000 queries.
 */
@RequestScoped
class StageDirectory {

    @Inject
    PipelineService pipelines;

    private UUID defaultPipeline;
    private Map<UUID, PipelineService.StageEntry> stages;

    /** A stage of the tenant, archived ones included (old deals may still name one). */
    StageView stage(UUID id) {
        PipelineService.StageEntry entry = entries().get(id);
        if (entry == null) {
            throw TorreException.notFound("Stage " + id);
        }
        return entry.view();
    }

    /** The stage, or null when there is none or it was deleted. */
    StageView active(UUID id) {
        PipelineService.StageEntry entry = entries().get(id);
        return entry == null || entry.archived() ? null : entry.view();
    }

    /** The first active stage of a pipeline, or null when the pipeline is unknown. */
    StageView first(UUID pipelineId) {
        return entries().values().stream()
                .filter(e -> !e.archived() && e.view().pipelineId().equals(pipelineId))
                .map(PipelineService.StageEntry::view)
                .min((a, b) -> Integer.compare(a.position(), b.position()))
                .orElse(null);
    }

    UUID defaultPipeline() {
        entries();
        return defaultPipeline;
    }

    /** Drops what was read, after pipelines changed in this request. */
    void forget() {
        stages = null;
    }

    private Map<UUID, PipelineService.StageEntry> entries() {
        if (stages == null) {
            defaultPipeline = pipelines.ensureDefault();
            stages = pipelines.allStages();
        }
        return stages;
    }
}
