package dev.torre.platform.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current time at PostgreSQL's precision (microseconds), so a timestamp read back
 * equals the one written — cursors and ETags depend on that. Every "now" of the server
 * comes from here, so tests of time rules (SLA clocks, overdue tasks) set the time
 * instead of sleeping.
 */
public final class Clock {

    private static volatile java.time.Clock source = java.time.Clock.systemUTC();

    private Clock() {
    }

    public static Instant now() {
        return Instant.now(source).truncatedTo(ChronoUnit.MICROS);
    }

    /** Replaces the time source (tests move time with it instead of sleeping); null or {@link #reset()} restores the system clock. */
    public static void use(java.time.Clock clock) {
        source = clock == null ? java.time.Clock.systemUTC() : clock;
    }

    public static void reset() {
        source = java.time.Clock.systemUTC();
    }
}
