package dev.torre.transfer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Imports' and exports' settings for the whole server ({@code torre.transfer.*}). */
@ConfigMapping(prefix = "torre.transfer")
public interface TransferConfig {

    /** Rows per chunk: what one batch upsert writes, in one transaction, and the unit a restart resumes from. */
    @WithDefault("1000")
    int chunkRows();

    /** Records per page of an export. */
    @WithDefault("200")
    int exportPage();

    /** How long a claimed job stays with its worker without progress before another instance may take it over. */
    @WithDefault("PT2M")
    Duration lease();

    /** The longest an upload may take to be received and stored, in seconds. */
    @WithDefault("3600")
    int uploadTimeoutSeconds();

    Worker worker();

    /** The background loop that runs queued jobs. */
    interface Worker {
        /** Whether this instance runs jobs (tests drive them directly instead). */
        @WithDefault("true")
        boolean enabled();
    }
}
