package dev.torre.platform.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.rest.TenantRates;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The tenant's and the API client's rates on {@code /graphql}: GraphQL requests draw on the same shared windows
 * as REST ({@link TenantRates}) and are answered alike — RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset on
 * every answer, and past a rate 429 with Retry-After and a problem document, before the query is parsed. The tenant
 * is taken from a verified token only, so nobody can spend another tenant's rate with a forged one; an invalid token
 * is left to authentication, which refuses it. When a new lease must be reserved from the database, that happens
 * off the event loop.
 */
@ApplicationScoped
public class GraphQLRateLimit {

    private static final String PATH = "/graphql";

    void install(@Observes Router router, TenantRates rates, JWTParser tokens, ObjectMapper mapper) {
        router.route().order(Integer.MIN_VALUE + 2).handler(context -> {
            String path = context.normalizedPath();
            if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
                context.next();
                return;
            }
            JsonWebToken token = verified(context, tokens);
            Object tid = token == null ? null : token.getClaim("tid");
            String tenant = tid == null ? null : tid.toString();
            TenantRates.ClientRate client = TenantRates.ClientRate.of(token);
            if (rates.answerableLocally(tenant, client)) {
                answer(context, rates.take(tenant, client), mapper);
                return;
            }
            context.vertx().executeBlocking(() -> rates.take(tenant, client), false).onComplete(done -> {
                if (done.succeeded()) {
                    answer(context, done.result(), mapper);
                } else {
                    context.next();
                }
            });
        });
    }

    private static void answer(RoutingContext context, TenantRates.Grant grant, ObjectMapper mapper) {
        if (grant == null) {
            context.next();
            return;
        }
        if (grant.allowed()) {
            grant.headers().forEach(context.response()::putHeader);
            context.next();
            return;
        }
        refuse(context, grant.refusal(), mapper);
    }

    private static JsonWebToken verified(RoutingContext context, JWTParser tokens) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            return tokens.parse(authorization.substring(7).trim());
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static void refuse(RoutingContext context, TorreException e, ObjectMapper mapper) {
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(e, context.request().path()));
        } catch (JsonProcessingException failed) {
            body = "{\"status\":" + e.code().status() + "}";
        }
        e.headers().forEach(context.response()::putHeader);
        context.response().setStatusCode(e.code().status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
