package dev.torre.platform.idempotency;

import dev.torre.platform.http.ETags;
import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * The answer to a POST, kept in a form that can be stored and replayed for an
 * idempotency key: status, Location, ETag and the body (an object, or stored JSON text).
 */
public record Outcome(int status, String location, String etag, Object body, boolean replayed) {

    public static Outcome created(String location, long version, Object body) {
        return new Outcome(201, location, ETags.of(version), body, false);
    }

    public static Outcome ok(Object body) {
        return new Outcome(200, null, null, body, false);
    }

    public Response toResponse() {
        return toRestResponse().toResponse();
    }

    /**
     * The same answer typed as the view it carries, so that the OpenAPI document shows it; a
     * replay carries the stored JSON text of that view, written out unchanged.
     */
    @SuppressWarnings("unchecked")
    public <V> RestResponse<V> toRestResponse() {
        RestResponse.ResponseBuilder<V> response = RestResponse.ResponseBuilder.<V>create(status).entity((V) body)
                .type(MediaType.APPLICATION_JSON);
        if (location != null) {
            response.location(URI.create(location));
        }
        if (etag != null) {
            response.header(HttpHeaders.ETAG, etag);
        }
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
