package dev.torre.platform.graphql;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Failures;
import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.rest.BodyCaps;
import io.quarkus.runtime.configuration.MemorySize;
import graphql.schema.GraphQLSchema;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * What the GraphQL-over-HTTP specification asks of {@code /graphql} beyond what SmallRye
 * does: a request that accepts anything ({@code Accept: *}{@code /*} or no Accept) gets
 * {@code application/json}; a POST whose body is not a JSON object, or whose members are
 * of the wrong kind, answers 400 with a problem document instead of a GraphQL error or a
 * 500; and a missing or bad token answers 401 with
 * a problem document, as REST does. A request error (a document that does not parse or
 * validate, an unknown operation name, variables of the wrong type), found by parsing and
 * validating before execution, answers 400 to a caller that accepts
 * {@code application/graphql-response+json}; {@code application/json} keeps 200, as the
 * specification asks. A POST that is neither {@code application/json} nor {@code application/graphql} is a 415.
 * Any failure escaping execution answers a problem document (500 {@code INTERNAL}, 503 for an outage). These checks
 * (reading the JSON, parsing, validating) run on a worker thread, as SmallRye's execution does
 * ({@code quarkus.smallrye-graphql.nonblocking.enabled=false}), not on the event loop the connection shares with others.
 */
@ApplicationScoped
public class GraphQLOverHttp {

    private static final String PATH = "/graphql";
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final Logger LOG = Logger.getLogger(GraphQLOverHttp.class);

    @Inject
    Instance<GraphQLSchema> schema;

    @Inject
    ParsedDocuments documents;

    /** The most grammar tokens the parser takes (SmallRye hands graphql-java the same), checked before it runs. */
    @ConfigProperty(name = "smallrye.graphql.parser.maxTokens", defaultValue = "15000")
    int maxTokens;

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize transport, TorreConfig config) {
        router.route(PATH).order(Integer.MIN_VALUE).failureHandler(context -> failed(context, mapper));
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
            String accept = context.request().getHeader(HttpHeaders.ACCEPT);
            if (accept == null || accept.isBlank() || "*/*".equals(accept.trim())) {
                context.request().headers().set(HttpHeaders.ACCEPT, "application/json");
            }
            context.next();
        });
        // no GraphQL operation takes a batch of records: a document and its variables get the ordinary REST cap
        BodyHandler body = BodyHandler.create(false).setBodyLimit(BodyCaps.ordinary(transport, config));
        router.route(HttpMethod.POST, PATH).order(Integer.MIN_VALUE + 3).handler(body);
        router.route(HttpMethod.POST, PATH).order(Integer.MIN_VALUE + 4).blockingHandler(context -> {
            String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
            String media = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
            if (media.startsWith("application/graphql")) {
                String query = context.body().buffer() == null ? "" : context.body().asString();
                check(context, query, null, null, mapper);
                return;
            }
            if (!media.startsWith("application/json")) {
                refuse(context, new TorreException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request as Content-Type: application/json"), mapper);
                return;
            }
            JsonNode request;
            try {
                // read in place (getBytes() would copy the whole body once more)
                request = context.body().buffer() == null ? null
                        : mapper.readTree(new io.netty.buffer.ByteBufInputStream(context.body().buffer().getByteBuf()));
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
            check(context, request.get("query").asText(), request.path("operationName").asText(null), variables(request.get("variables"), mapper), mapper);
        }, false);
        router.route(HttpMethod.GET, PATH).order(Integer.MIN_VALUE + 4).blockingHandler(context -> {
            String query = context.request().getParam("query");
            Map<String, Object> variables;
            try {
                String text = context.request().getParam("variables");
                variables = text == null || text.isBlank() ? null : variables(mapper.readTree(text), mapper);
            } catch (IOException | IllegalArgumentException unreadable) {
                context.next(); // SmallRye refuses variables that are not JSON
                return;
            }
            if (query == null || query.isBlank()) {
                context.next();
                return;
            }
            check(context, query, context.request().getParam("operationName"), variables, mapper);
        }, false);
    }

    /**
     * Answers 400 with the GraphQL errors, before anything runs, when the request is a request error and the caller
     * accepts {@code application/graphql-response+json}; {@code application/json} keeps SmallRye's 200 with errors, as
     * the specification asks. Only such callers have the document validated here; execution then takes it as validated.
     */
    private void check(RoutingContext context, String query, String operationName, Map<String, Object> variables, ObjectMapper mapper) {
        boolean strict = acceptsGraphQLResponse(context);
        // too many tokens for the parser: refused before it runs, at the cost of one pass over the text
        List<Map<String, Object>> errors = GraphQLRequestCheck.coded(GraphQLAdmission.refusal(query, maxTokens));
        if (errors.isEmpty()) {
            // parsed once: execution takes this document rather than parsing the text again
            ParsedDocuments.Parsed parsed = documents.parse(context, query);
            // a syntax error never reaches the instrumentation that codes errors: answered here for every caller
            errors = strict
                    ? GraphQLRequestCheck.errors(schema.get(), documents, parsed, operationName, variables)
                    : GraphQLRequestCheck.syntaxErrors(parsed);
        }
        if (errors.isEmpty()) {
            context.next();
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(Map.of("errors", errors));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write GraphQL errors", e);
        }
        context.response().setStatusCode(strict ? 400 : 200)
                .putHeader(HttpHeaders.CONTENT_TYPE, (strict ? GRAPHQL_RESPONSE : "application/json") + "; charset=UTF-8").end(body);
    }

    /** Whether the most preferred of the types GraphQL answers with is {@code application/graphql-response+json}. */
    private static boolean acceptsGraphQLResponse(RoutingContext context) {
        for (MIMEHeader type : context.parsedHeaders().accept()) {
            String value = type.value().toLowerCase(Locale.ROOT);
            if (value.startsWith(GRAPHQL_RESPONSE)) {
                return true;
            }
            if (value.startsWith("application/json") || value.startsWith("*/*")) {
                return false;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(JsonNode node, ObjectMapper mapper) {
        return node == null || !node.isObject() ? null : mapper.convertValue(node, Map.class);
    }

    /**
     * The last word on any failure while a GraphQL request runs (an instrumentation, a fetcher or the writer throwing
     * outside GraphQL's own error handling): a problem document, 503 for an outage, 500 {@code INTERNAL} otherwise,
     * never the server's default body with a stack trace. Security failures keep their own handling (401, 403).
     */
    private static void failed(RoutingContext context, ObjectMapper mapper) {
        Throwable failure = context.failure();
        if (failure instanceof HttpClosedException) {
            // the connection closed while the body was read (the client left, or its framing broke and was answered
            // below Vert.x): no answer can reach anyone, and nothing failed here
            LOG.debugf("The connection closed during %s", context.request().path());
            return;
        }
        if (failure != null && failure.getClass().getName().startsWith("io.quarkus.security.")
                || failure == null && context.statusCode() != 500 && context.statusCode() != -1) {
            context.next();
            return;
        }
        TorreException known = failure == null ? null : Failures.known(failure);
        if (known == null || known.code().status() == 500) {
            LOG.error("GraphQL request failed outside GraphQL's error handling", failure);
            known = new TorreException(ErrorCode.INTERNAL, "Something went wrong on our side; it has been logged");
        }
        if (context.response().headWritten()) {
            context.response().reset(); // the answer was under way: cut it rather than append a second one
            return;
        }
        context.response().headers().clear();
        known.headers().forEach(context.response()::putHeader);
        refuse(context, known, mapper);
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
