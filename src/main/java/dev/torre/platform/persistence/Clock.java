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

    private static volatile java.time.Clock source = java.time.Clock.systemUTC();

    public static Instant now() {
        return Instant.now(source).truncatedTo(ChronoUnit.MICROS);
    }

    /** Sets the time source (tests move time with it instead of sleeping); null restores the system clock. */
    public static void use(java.time.Clock clock) {
        source = clock == null ? java.time.Clock.systemUTC() : clock;
    }
}
