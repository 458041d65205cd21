package dev.torre.platform.rest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One token bucket per tenant (Bucket4j), shared by every transport: REST and GraphQL
 * requests of a tenant draw on the same rate. The buckets live in each server instance, so
 * a deployment of N instances allows N times the rate.
 */
@ApplicationScoped
public class TenantRates {

    /** What one request was granted: whether it may go on, the tokens left, and when to retry if not. */
    public record Grant(boolean allowed, long remaining, long retryAfterSeconds, int limit, int perSecond) {

        /** The problem a request over its tenant's rate is answered with, whatever the transport. */
        public TorreException refusal() {
            return new TorreException(ErrorCode.RATE_LIMITED,
                    "Your tenant is over " + perSecond + " requests per second; retry after " + retryAfterSeconds + " s",
                    java.util.List.of(), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    TorreConfig config;

    /** Takes one request from the tenant's bucket, or null when rates are off or there is no tenant. */
    public Grant take(String tenant) {
        int perSecond = config.rateLimit().perSecond();
        if (perSecond <= 0 || tenant == null) {
            return null;
        }
        Bucket bucket = buckets.computeIfAbsent(tenant, t -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.rateLimit().burst()).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long retry = probe.isConsumed() ? 0 : Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        return new Grant(probe.isConsumed(), probe.getRemainingTokens(), retry, config.rateLimit().burst(), perSecond);
    }
}
