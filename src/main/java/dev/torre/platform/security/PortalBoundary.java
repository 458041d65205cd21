package dev.torre.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Keeps portal tokens inside {@code /v1/me/}: checked on every HTTP request, REST, GraphQL
 * and everything else alike, before any resource runs. The token's claims are read here
 * unverified, which is safe because they can only narrow what the request may reach;
 * authentication still verifies the token where it is let through.
 */
@ApplicationScoped
public class PortalBoundary {

    static final String PORTAL_PATHS = "/v1/me/";

    void install(@Observes Router router, PortalTokens portal, ObjectMapper mapper) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    && !context.normalizedPath().startsWith(PORTAL_PATHS)
                    && portal.claimsPortal(authorization.substring(7).trim())) {
                ErrorCode code = ErrorCode.FORBIDDEN;
                Problem problem = Problem.of(new TorreException(code, "A preference-portal token may only call "
                        + PORTAL_PATHS + "*"), context.request().path());
                String body;
                try {
                    body = mapper.writeValueAsString(problem);
                } catch (JsonProcessingException e) {
                    body = "{\"status\":403}";
                }
                context.response().setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
                return;
            }
            context.next();
        });
    }
}
