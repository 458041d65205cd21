package dev.torre.platform.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.torre.platform.tenancy.Caller;

/**
 * The tenant's and the API client's rates ({@link TenantRates}) on REST: over a rate a request gets 429 with
 * Retry-After; every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.
 * GraphQL takes from the same windows in {@code platform.graphql.GraphQLRateLimit}.
 */
public class RateLimits {

    private static final String GRANT = "torre.rate.grant";

    @Inject
    TenantRates rates;

    @Inject
    Caller caller;

    @Inject
    JsonWebToken token;

    @ServerRequestFilter
    public void take(ContainerRequestContext request) {
        String tenant = caller.tenant();
        TenantRates.Grant grant = tenant == null ? null : rates.take(tenant, TenantRates.ClientRate.of(token));
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
            grant.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }
}
