package dev.torre.platform.rest;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request over the size limits with a problem document, like every other error: a request line over
 * {@code torre.http.max-request-line} is a 414, headers over {@code torre.http.max-header-size} a 431, and a body the
 * HTTP layer stopped reading (sent without a length, past the cap) a 413. Vert.x answers its own decoder's refusals with
 * an empty body before any route runs, and Quarkus offers no hook into that; so its decoder limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above these, and only
 * a request beyond those ceilings still gets Vert.x's bare status.
 */
@ApplicationScoped
public class RequestLimits {

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "torre.http.max-request-line", defaultValue = "16384") int maxLine,
            @ConfigProperty(name = "torre.http.max-header-size", defaultValue = "20K") MemorySize maxHeaders) {
        long headerCap = maxHeaders.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            var request = context.request();
            int line = request.method().name().length() + request.uri().length() + " HTTP/1.1".length() + 1;
            if (line > maxLine) {
                refuse(context, new TorreException(ErrorCode.URI_TOO_LONG, "The request line is " + line
                        + " characters long; the limit is " + maxLine + ". Send long filters with POST .../search"), mapper);
                return;
            }
            long headers = 0;
            for (Map.Entry<String, String> header : request.headers()) {
                headers += header.getKey().length() + header.getValue().length() + 4;
            }
            if (headers > headerCap) {
                refuse(context, new TorreException(ErrorCode.HEADERS_TOO_LARGE, "The request headers take " + headers
                        + " bytes; the limit is " + headerCap), mapper);
                return;
            }
            context.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.failure() == null && context.statusCode() == 413) {
                refuse(context, new TorreException(ErrorCode.PAYLOAD_TOO_LARGE, "The body is larger than this API accepts"), mapper);
                return;
            }
            context.next();
        });
    }

    private static void refuse(RoutingContext context, TorreException e, ObjectMapper mapper) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(e, context.request().path()));
        } catch (JsonProcessingException failed) {
            body = "{\"status\":" + e.code().status() + "}";
        }
        context.response().setStatusCode(e.code().status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }
}
