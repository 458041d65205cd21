package dev.torre.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/**
 * The one rule for times a caller supplies (when something happened): clocks that run a
 * little ahead are forgiven up to {@link #SKEW}, anything later is refused — a record is
 * made once the thing it records has happened, and a date in 2099 would otherwise pin every
 * mark derived from it ("last interaction", "last order") for decades.
 */
public final class CallerTime {

    /** How far ahead of the server's clock a caller's clock may run. */
    public static final Duration SKEW = Duration.ofMinutes(5);

    private CallerTime() {
    }

    /**
     * The time at PostgreSQL's precision (null stays null); a 400 naming {@code field}
     * when it lies more than {@link #SKEW} after {@code now}.
     */
    public static Instant past(String field, Instant at, Instant now) {
        if (at == null) {
            return null;
        }
        if (at.isAfter(now.plus(SKEW))) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "in_future",
                    "'" + field + "' lies in the future (" + at + "); at most " + SKEW.toMinutes()
                            + " minutes of clock skew are allowed");
        }
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** A 400 naming {@code field} when {@code at} is before {@code bound}; {@code why} says what the bound is. */
    public static Instant notBefore(String field, Instant at, Instant bound, String why) {
        if (at != null && bound != null && at.isBefore(bound)) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "too_early",
                    "'" + field + "' may not be before " + why + " (" + bound + ")");
        }
        return at;
    }
}
