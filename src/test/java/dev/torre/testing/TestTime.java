package dev.torre.testing;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.arc.Arc;

/**
 * Moves the server's "now" for tests of time rules, so they never sleep: the server's
 * {@link MovableClock} bean is replaced in every test run. {@link #reset()} after each test.
 */
public final class TestTime {

    private TestTime() {
    }

    /** Stops the server's clock at this instant (RFC 3339 text). */
    public static void set(String instant) {
        clock().stopAt(Instant.parse(instant));
    }

    /** Moves the stopped clock forward (or, if it runs, stops it that far ahead of now). */
    public static void advance(Duration by) {
        clock().advance(by);
    }

    /** Lets the server's clock run with real time again. */
    public static void reset() {
        clock().run();
    }

    /** What the server takes as now, at its precision. */
    public static Instant now() {
        return clock().now();
    }

    private static MovableClock clock() {
        return Arc.container().instance(MovableClock.class).get();
    }
}
