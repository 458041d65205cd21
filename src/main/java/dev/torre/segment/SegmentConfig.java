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
    }
}
