package dev.torre.segment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Segments' settings for the whole server ({@code torre.segments.*}). */
@ConfigMapping(prefix = "torre.segments")
public interface SegmentConfig {

    Worker worker();

    /** The background loop that keeps dynamic segments current from the event log. */
    interface Worker {
        /** Whether this instance runs the loop (tests drive it directly instead). */
        @WithDefault("true")
        boolean enabled();

        /** Events read per tenant and pass. */
        @WithDefault("1000")
        int eventBatch();

        /** Events one tenant's pass may read before the worker moves on to the next tenant (the rest waits a tick). */
        @WithDefault("10000")
        int eventBudget();

        /** Records one sweep batch (a backfill or a scheduled re-evaluation) visits in one transaction. */
        @WithDefault("2000")
        int sweepBatch();

        /** Records one tenant's sweeps may visit per pass, so one tenant's backfill cannot hold back the others. */
        @WithDefault("20000")
        int sweepBudget();
    }
}
