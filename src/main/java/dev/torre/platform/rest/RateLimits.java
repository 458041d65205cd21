package dev.torre.platform.rest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.tenancy.Caller;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per tenant (Bucket4j): over the rate a request gets 429 with
 * Retry-After; every answer carries RateLimit-Limit and RateLimit-Remaining. The buckets
 * live in each server instance, so a deployment of N instances allows N times the rate.
 */
public class RateLimits {

    private static final String REMAINING = "torre.rate.remaining";

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    TorreConfig config;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void take(ContainerRequestContext request) {
        int perSecond = config.rateLimit().perSecond();
        String tenant = caller.tenant();
        if (perSecond <= 0 || tenant == null) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(tenant, t -> newBucket(perSecond));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        request.setProperty(REMAINING, probe.getRemainingTokens());
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new TorreException(ErrorCode.RATE_LIMITED,
                    "Your tenant is over " + perSecond + " requests per second; retry after " + seconds + " s",
                    java.util.List.of(), Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    @ServerResponseFilter
    public void report(ContainerRequestContext request, ContainerResponseContext response) {
        Object remaining = request.getProperty(REMAINING);
        if (remaining != null) {
            response.getHeaders().putSingle("RateLimit-Limit", config.rateLimit().burst());
            response.getHeaders().putSingle("RateLimit-Remaining", remaining);
        }
    }

    private Bucket newBucket(int perSecond) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.rateLimit().burst()).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
