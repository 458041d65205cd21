package dev.torre.platform.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The server's one source of "now", injected wherever a rule depends on the time. It answers
 * at PostgreSQL's precision (microseconds) so a timestamp read back equals the one written —
 * cursors and ETags depend on that. Tests replace this bean with one they can move, so time
 * rules (SLA clocks, waits, expiry) are tested without sleeping.
 */
@ApplicationScoped
public class ServerClock implements java.time.InstantSource {

    /** The current instant, truncated to microseconds. */
    public Instant now() {
        return read().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Instant instant() {
        return now();
    }

    /** The raw reading before truncation; a test clock overrides this one method. */
    protected Instant read() {
        return Instant.now();
    }
}
