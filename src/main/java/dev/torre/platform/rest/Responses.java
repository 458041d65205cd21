package dev.torre.platform.rest;

import dev.torre.platform.http.ETags;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

/** Answers for reads and updates of one record: the body with its ETag, or 304 when the caller has it. */
public final class Responses {

    private Responses() {
    }

    public static Response readable(Object view, long version, String ifNoneMatch) {
        return tagged(view, version, ifNoneMatch).toResponse();
    }

    /** The same answer, typed so that the OpenAPI document shows the view. */
    public static <V> RestResponse<V> tagged(V view, long version, String ifNoneMatch) {
        if (ETags.matches(ifNoneMatch, version)) {
            return RestResponse.ResponseBuilder.<V>notModified().header(HttpHeaders.ETAG, ETags.of(version)).build();
        }
        return RestResponse.ResponseBuilder.ok(view).header(HttpHeaders.ETAG, ETags.of(version)).build();
    }
}
