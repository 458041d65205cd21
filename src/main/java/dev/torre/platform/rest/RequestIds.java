package dev.torre.platform.rest;

import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.torre.platform.tenancy.Caller;

/** Takes the caller's {@code X-Request-Id} (or makes one) and echoes it, so events and logs can be traced. */
public class RequestIds {

    private static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    Caller caller;

    @ServerRequestFilter(preMatching = true)
    public void take(ContainerRequestContext request, io.vertx.core.http.HttpServerRequest http) {
        if (http.remoteAddress() != null) {
            caller.useClientIp(http.remoteAddress().hostAddress());
        }
        String given = request.getHeaderString(HEADER);
        if (given != null && SAFE.matcher(given).matches()) {
            caller.useRequestId(given);
        }
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, caller.requestId());
    }
}
