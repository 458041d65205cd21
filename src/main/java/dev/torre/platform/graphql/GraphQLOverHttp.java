package dev.torre.platform.graphql;

import java.io.IOException;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * What the GraphQL-over-HTTP specification asks of {@code /graphql} beyond what SmallRye
 * does: a request that accepts anything ({@code Accept: *}{@code /*} or no Accept) gets
 * {@code application/json}; a POST whose body is not a JSON object, or whose members are
 * of the wrong kind, answers 400 with a problem document instead of a GraphQL error or a
 * 500; and a missing or bad token answers 401 with
 * a problem document, as REST does. A request GraphQL refuses before running it (a syntax
 * or validation error, variables of the wrong type) answers 400 to a caller that accepts
 * {@code application/graphql-response+json}; {@code application/json} keeps 200, as the
 * specification asks. A POST that is neither {@code application/json} nor {@code application/graphql} is a 415.
 */
@ApplicationScoped
public class GraphQLOverHttp {

    private static final String PATH = "/graphql";
    private static final String REQUEST_ERROR = "torre.graphql.request-error";

    /** Marks the current request as failed before anything ran (a document or variables GraphQL refused). */
    static void requestError(CurrentVertxRequest request) {
        try {
            RoutingContext context = request.getCurrent();
            if (context != null) {
                context.put(REQUEST_ERROR, true);
            }
        } catch (RuntimeException noRequest) {
            // not within an HTTP request (a subscription, a test harness): nothing to mark
        }
    }

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize cap) {
        BiConsumer<RoutingContext, Throwable> unauthenticated = (context, failure) -> refuse(context,
                new TorreException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required"), mapper);
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            if (!isGraphQL(context)) {
                context.next();
                return;
            }
            if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                unauthenticated.accept(context, null);
                return;
            }
            context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, unauthenticated);
            context.addHeadersEndHandler(ended -> {
                String answered = context.response().headers().get(HttpHeaders.CONTENT_TYPE);
                if (Boolean.TRUE.equals(context.get(REQUEST_ERROR)) && context.response().getStatusCode() == 200
                        && answered != null && answered.startsWith("application/graphql-response+json")) {
                    context.response().setStatusCode(400);
                }
            });
            String accept = context.request().getHeader(HttpHeaders.ACCEPT);
            if (accept == null || accept.isBlank() || "*/*".equals(accept.trim())) {
                context.request().headers().set(HttpHeaders.ACCEPT, "application/json");
            }
            context.next();
        });
        BodyHandler body = BodyHandler.create(false).setBodyLimit(cap.asLongValue());
        router.route(HttpMethod.POST, PATH).order(Integer.MIN_VALUE + 3).handler(body);
        router.route(HttpMethod.POST, PATH).order(Integer.MIN_VALUE + 4).handler(context -> {
            String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
            String media = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
            if (media.startsWith("application/graphql")) {
                context.next();
                return;
            }
            if (!media.startsWith("application/json")) {
                refuse(context, new TorreException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request as Content-Type: application/json"), mapper);
                return;
            }
            JsonNode request;
            try {
                request = context.body().buffer() == null ? null : mapper.readTree(context.body().buffer().getBytes());
            } catch (IOException e) {
                request = null;
            }
            int members = request == null ? 0 : request.size();
            String refusal = request == null || !request.isObject()
                    ? "The body must be a JSON object with 'query' and optional 'variables', 'operationName' and 'extensions'"
                    : shape((ObjectNode) request);
            if (refusal != null) {
                refuse(context, new TorreException(ErrorCode.MALFORMED_REQUEST, refusal), mapper);
                return;
            }
            if (request.size() != members) {
                ((RoutingContextInternal) context).setBody(Buffer.buffer(request.toString()));
            }
            context.next();
        });
    }

    /**
     * Refuses members of the wrong kind, which SmallRye would answer with a 500, and drops
     * members sent as null (many clients send {@code "operationName": null}), which it
     * would also fail on.
     */
    private static String shape(ObjectNode request) {
        JsonNode query = request.get("query");
        if (query == null || !query.isTextual()) {
            return "'query' must be a string holding a GraphQL document";
        }
        for (String member : new String[] { "operationName", "variables", "extensions" }) {
            JsonNode value = request.get(member);
            if (value != null && value.isNull()) {
                request.remove(member);
            } else if (value != null && ("operationName".equals(member) ? !value.isTextual() : !value.isObject())) {
                return "'" + member + "' must be " + ("operationName".equals(member) ? "a string" : "a JSON object");
            }
        }
        return null;
    }

    private static boolean isGraphQL(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals(PATH);
    }

    private static void refuse(RoutingContext context, TorreException e, ObjectMapper mapper) {
        if (context.response().ended()) {
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(e, context.request().path()));
        } catch (JsonProcessingException failed) {
            body = "{\"status\":" + e.code().status() + "}";
        }
        if (e.code() == ErrorCode.UNAUTHENTICATED) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
        }
        context.response().setStatusCode(e.code().status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
