package dev.torre.webhook;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook delivery settings ({@code torre.webhooks.*}, or {@code TORRE_WEBHOOKS_*} in the environment). */
@ConfigMapping(prefix = "torre.webhooks")
public interface WebhookConfig {

    /** Also allow plain {@code http} to loopback addresses (development and tests); https stays required elsewhere. */
    @WithDefault("false")
    boolean allowLoopback();

    /** The waits between attempts after a failure; past the last one the subscription is disabled (about 72 h in all). */
    @WithDefault("5s,30s,2m,10m,30m,1h,2h,4h,8h,12h,12h,12h,12h")
    List<String> retrySchedule();

    /** Each wait is lengthened by a random part of up to this fraction of it, so failing receivers are not hit in step. */
    @WithDefault("0.2")
    double retryJitter();

    /** How long a receiver may take to accept the connection. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /** How long a receiver may take to answer once connected. */
    @WithDefault("PT10S")
    Duration readTimeout();

    /** How long an instance holds the deliveries it claimed; a dead instance's claims are retaken after it. */
    @WithDefault("PT2M")
    Duration lease();

    /** How much of a receiver's answer is read (the rest is discarded). */
    @WithDefault("65536")
    int maxResponseBytes();

    /** How long the previous secret keeps signing beside the new one after a rotation. */
    @WithDefault("PT24H")
    Duration secretOverlap();

    /**
     * How long a finished (delivered or failed) delivery keeps the event it carried; past it the retention job keeps
     * only its type and time (the outcome stays listed). A purged delivery cannot be retried; replay rebuilds it.
     */
    @WithDefault("P30D")
    Duration bodyRetention();

    /**
     * How long a finished delivery (delivered or failed) stays listed at all; then the row is deleted. The event log
     * keeps the event, so a replay from that time still rebuilds the delivery.
     */
    @WithDefault("P90D")
    Duration rowRetention();

    /** Deliveries claimed, sent at once and recorded together per step of a pass. */
    @WithDefault("500")
    int batch();

    /** Events read per subscription and step of a pass (in one transaction, its deliveries in one statement). */
    @WithDefault("1000")
    int scanBatch();

    /** Connections kept open per receiver address (different records proceed in parallel over them). */
    @WithDefault("32")
    int parallelism();

    Worker worker();

    /** The scheduled delivery worker. */
    interface Worker {
        /** Whether this instance runs it (tests drive it directly). */
        @WithDefault("true")
        boolean enabled();

        /** How often it runs. */
        @WithDefault("1s")
        String every();
    }

    /** The retry schedule parsed: {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, or an ISO-8601 duration. */
    static Duration parse(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("Use 5s, 2m, 1h, 1d or ISO-8601: " + text);
        };
    }
}
