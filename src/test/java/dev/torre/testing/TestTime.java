package dev.torre.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Sets the server's "now" for tests of time rules, so they never sleep; {@link #reset()} after each test. */
public final class TestTime extends Clock {

    private static final TestTime INSTANCE = new TestTime();

    private volatile Instant now = Instant.now();

    private TestTime() {
    }

    /** Stops the server's clock at this instant (RFC 3339 text). */
    public static void set(String instant) {
        INSTANCE.now = Instant.parse(instant);
        dev.torre.platform.time.Clock.use(INSTANCE);
    }

    public static void advance(Duration by) {
        INSTANCE.now = INSTANCE.now.plus(by);
    }

    public static void reset() {
        dev.torre.platform.time.Clock.reset();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
