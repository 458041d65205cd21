package dev.torre.deal;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types deals and pipelines write besides the shared record operations. */
public class DealEvents {

    @Produces
    @Singleton
    DeclaredEvents dealEvents() {
        return DeclaredEvents.of("deal", "stage_changed", "won", "lost");
    }

    @Produces
    @Singleton
    DeclaredEvents pipelineEvents() {
        return DeclaredEvents.of("pipeline", "created", "updated", "archived", "stage_added", "stage_changed", "stages_reordered");
    }

    @Produces
    @Singleton
    DeclaredEvents pipelineStageEvents() {
        return DeclaredEvents.of("pipeline_stage", "archived");
    }
}
