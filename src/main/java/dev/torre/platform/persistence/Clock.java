package dev.torre.platform.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current time at PostgreSQL's precision (microseconds), so a timestamp read back
 * equals the one written — cursors and ETags depend on that.
 */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
