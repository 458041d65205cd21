package dev.torre.testing;

import java.time.Instant;

import dev.torre.platform.time.ServerClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** The server's clock in tests: it runs with real time until a test stops it at an instant (see {@link TestTime}). */
@Alternative
@Priority(1)
@ApplicationScoped
public class MovableClock extends ServerClock {

    private volatile Instant stoppedAt;

    @Override
    protected Instant read() {
        Instant at = stoppedAt;
        return at == null ? Instant.now() : at;
    }

    void stopAt(Instant at) {
        stoppedAt = at;
    }

    void advance(java.time.Duration by) {
        Instant at = stoppedAt;
        stoppedAt = (at == null ? Instant.now() : at).plus(by);
    }

    void run() {
        stoppedAt = null;
    }
}
