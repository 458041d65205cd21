package dev.torre.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Torre's own settings ({@code torre.*}, or {@code TORRE_*} in the environment). */
@ConfigMapping(prefix = "torre")
public interface TorreConfig {

    Phone phone();

    RateLimit rateLimit();

    /** Phone number normalisation. */
    interface Phone {
        /** ISO 3166 region used for numbers written without a country prefix. */
        @WithDefault("ES")
        String defaultRegion();
    }

    /** Requests each tenant may make per second, on each server instance. */
    interface RateLimit {
        /** Sustained requests per second per tenant; 0 turns the limit off. */
        @WithDefault("2000")
        int perSecond();

        /** Requests a tenant may make at once above the sustained rate. */
        @WithDefault("4000")
        int burst();
    }
}
