package dev.torre.merge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Duplicate detection's settings for the whole server ({@code torre.duplicates.*}). */
@ConfigMapping(prefix = "torre.duplicates")
public interface DuplicateConfig {

    Worker worker();

    /** The background loop that keeps the duplicate pairs current from the event log. */
    interface Worker {
        /** Whether this instance runs the loop (tests drive it directly instead). */
        @WithDefault("true")
        boolean enabled();

        /** Events read per tenant and transaction. */
        @WithDefault("500")
        int eventBatch();

        /** Events one tenant's pass may read before the worker moves on to the next tenant. */
        @WithDefault("5000")
        int eventBudget();
    }
}
