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
 * The tenant's rate on {@code /graphql}: GraphQL requests draw on the same per-tenant bucket
 * as REST ({@link TenantRates}) and are answered alike — RateLimit-Limit and
 * RateLimit-Remaining on every answer, and past the rate 429 with Retry-After and a problem
 * document, before the query is parsed. The tenant is taken from a verified token only, so
 * nobody can spend another tenant's rate with a forged one; an invalid token is left to
 * authentication, which refuses it.
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
            TenantRates.Grant grant = rates.take(verifiedTenant(context, tokens));
            if (grant == null) {
                context.next();
                return;
            }
            context.response().putHeader("RateLimit-Limit", Integer.toString(grant.limit()))
                    .putHeader("RateLimit-Remaining", Long.toString(grant.remaining()));
            if (grant.allowed()) {
                context.next();
                return;
            }
            refuse(context, grant.refusal(), mapper);
        });
    }

    private static String verifiedTenant(RoutingContext context, JWTParser tokens) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            JsonWebToken token = tokens.parse(authorization.substring(7).trim());
            Object tid = token.getClaim("tid");
            return tid == null ? null : tid.toString();
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
