package dev.torre.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The waits between attempts, each lengthened by random jitter; past the last one a delivery has failed for good. */
record RetrySchedule(List<Duration> waits, double jitter) {

    static RetrySchedule of(WebhookConfig config) {
        return new RetrySchedule(config.retrySchedule().stream().map(WebhookConfig::parse).toList(), config.retryJitter());
    }

    /** When to try again after this many failed attempts, or null when the schedule is over. */
    Instant next(int failedAttempts, Instant now) {
        if (failedAttempts > waits.size()) {
            return null;
        }
        Duration wait = waits.get(failedAttempts - 1);
        long extra = jitter <= 0 ? 0 : (long) (wait.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
        return now.plus(wait).plusMillis(extra);
    }

    Duration total() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
