package dev.torre.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Torre's own settings ({@code torre.*}, or {@code TORRE_*} in the environment). */
@ConfigMapping(prefix = "torre")
public interface TorreConfig {

    Phone phone();

    RateLimit rateLimit();

    Service service();

    /** Tickets and their SLAs. */
    interface Service {
        /** How often the SLA job looks for warnings, breaches and stale tickets ("off" disables it). */
        @WithDefault("30s")
        String slaCheckEvery();

        /** A ticket with no activity for this long (ISO-8601 duration) emits ticket.stale, once until it moves again. */
        @WithDefault("PT72H")
        java.time.Duration staleAfter();
    }

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
