package dev.torre.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a body whose announced length is over the cap with a problem document, before
 * any of it is read. A body sent without a length is counted as it is read: by GraphQL's
 * body handler (a 413 that {@link RequestLimits} turns into a problem document), and for
 * REST by {@link ChunkedBodyLimit} — Quarkus REST's own count, which answers an empty 413
 * and leaves its reader a bare IOException, is turned off here. The rest of a body refused before it was read is
 * read and dropped up to a bound, then the connection is closed ({@link UnreadBodies}).
 */
@ApplicationScoped
public class BodyLimit {

    /** Where the HTTP layer leaves the cap for Quarkus REST's request stream, for bodies without a length. */
    private static final String QUARKUS_REST_CAP = "io.quarkus.max-request-size";

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize cap,
            ObjectMapper mapper) throws JsonProcessingException {
        long max = cap.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (BodyCaps.announced(context.request().getHeader(HttpHeaders.CONTENT_LENGTH)) > max) {
                Problem problem = Problem.of(BodyCaps.tooLarge(max, true), context.request().path());
                String body;
                try {
                    body = mapper.writeValueAsString(problem);
                } catch (JsonProcessingException e) {
                    body = "{\"status\":413}";
                }
                context.response().setStatusCode(ErrorCode.PAYLOAD_TOO_LARGE.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
                return;
            }
            context.next();
        });
        // after the HTTP layer's body-size handler (order -2), which hands Quarkus REST's stream the cap under this key
        router.route().order(-1).handler(context -> {
            context.remove(QUARKUS_REST_CAP);
            context.next();
        });
    }
}
