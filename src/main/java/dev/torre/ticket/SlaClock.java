package dev.torre.ticket;

import java.time.Duration;
import java.time.Instant;

import dev.torre.platform.time.BusinessHours;

/**
 * One SLA target's clock, pure arithmetic: the target, the working time already spent in
 * earlier runs, and since when it runs now (null while paused or stopped). Warnings fall
 * at 80 % of the target, breaches at 100 %.
 */
record SlaClock(Duration target, Duration spent, Instant runningSince) {

    static SlaClock startedAt(Duration target, Instant at) {
        return new SlaClock(target, Duration.ZERO, at);
    }

    boolean running() {
        return runningSince != null;
    }

    /** Stops the clock, banking the working time of this run. */
    SlaClock pausedAt(Instant at, BusinessHours hours) {
        return running() ? new SlaClock(target, spent.plus(hours.between(runningSince, at)), null) : this;
    }

    SlaClock resumedAt(Instant at) {
        return running() ? this : new SlaClock(target, spent, at);
    }

    /** When the target is reached if the clock keeps running; null while it does not run. */
    Instant dueAt(BusinessHours hours) {
        return at(target, hours);
    }

    /** When 80 % of the target is reached if the clock keeps running; null while it does not run. */
    Instant warnAt(BusinessHours hours) {
        return at(target.multipliedBy(4).dividedBy(5), hours);
    }

    /** Working time spent by {@code now}. */
    Duration elapsed(Instant now, BusinessHours hours) {
        return running() ? spent.plus(hours.between(runningSince, now)) : spent;
    }

    /** Working time left by {@code now}; negative once breached. */
    Duration remaining(Instant now, BusinessHours hours) {
        return target.minus(elapsed(now, hours));
    }

    private Instant at(Duration mark, BusinessHours hours) {
        if (!running()) {
            return null;
        }
        Duration left = mark.minus(spent);
        return hours.plus(runningSince, left.isNegative() ? Duration.ZERO : left);
    }
}
