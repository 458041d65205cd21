package dev.torre.platform.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.torre.platform.tenancy.Caller;

/**
 * The tenant's rate ({@link TenantRates}) on REST: over the rate a request gets 429 with
 * Retry-After; every answer carries RateLimit-Limit and RateLimit-Remaining.
 * GraphQL takes from the same buckets in {@code platform.graphql.GraphQLRateLimit}.
 */
public class RateLimits {

    private static final String GRANT = "torre.rate.grant";

    @Inject
    TenantRates rates;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void take(ContainerRequestContext request) {
        TenantRates.Grant grant = rates.take(caller.tenant());
        if (grant == null) {
            return;
        }
        request.setProperty(GRANT, grant);
        if (!grant.allowed()) {
            throw grant.refusal();
        }
    }

    @ServerResponseFilter
    public void report(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(GRANT) instanceof TenantRates.Grant grant) {
            response.getHeaders().putSingle("RateLimit-Limit", grant.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", grant.remaining());
        }
    }
}
