package dev.torre.usage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** API usage counting ({@code torre.usage.*}, or {@code TORRE_USAGE_*} in the environment). */
@ConfigMapping(prefix = "torre.usage")
public interface UsageConfig {

    /** How often each instance adds what it counted to the table (a scheduler period such as {@code 60s}). */
    @WithDefault("60s")
    String flushEvery();

    /** How long a day's usage is kept; older days are deleted by the retention job. */
    @WithDefault("P400D")
    Duration retention();
}
