package dev.torre.platform.rest;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
        Response.ResponseBuilder response = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON);
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
