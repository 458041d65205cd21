package dev.torre.platform.error;

import java.nio.channels.ClosedChannelException;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;

/**
 * Turns every failure of a REST call into a problem document in the caller's terms:
 * Torre's own errors, bad JSON, bad input, framework errors and the unexpected — the last
 * logged in full here and answered without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response torre(TorreException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.code().status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e, uri.getPath()));
        if (e.code() == ErrorCode.UNAUTHENTICATED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        return torre(Failures.of(e), uri);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        return torre(Failures.of(e), uri);
    }

    /** More specific than Quarkus's own mapper for this type, which answers with an empty body. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return torre(Failures.of(e), uri);
    }

    @ServerExceptionMapper
    public Response badJsonInService(InvalidJsonException e, UriInfo uri) {
        return torre(Failures.of(e.json()), uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return torre(new TorreException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return torre(new TorreException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return torre(new TorreException(ErrorCode.FORBIDDEN, "You may not do this"), uri);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return torre(Failures.of(json), uri);
        }
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL;
        };
        if (code == ErrorCode.INTERNAL) {
            LOG.error("Request failed", e);
        }
        String detail = switch (code) {
            case NOT_FOUND -> "No resource at " + uri.getPath();
            case METHOD_NOT_ALLOWED -> "This method is not allowed on " + uri.getPath();
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            case NOT_ACCEPTABLE -> "Torre answers in application/json";
            default -> code.title();
        };
        return torre(new TorreException(code, detail), uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        TorreException known = Failures.known(e);
        if (known != null) {
            LOG.warnf("%s on %s: %s", known.code().title(), uri.getPath(), e);
            return torre(known, uri);
        }
        if (callerWentAway(e)) {
            // the caller closed the connection mid-request (a client timeout, a load tool stopping): nothing failed
            // here, and no answer can reach anyone, so it is not an error of ours
            LOG.debugf("The caller closed the connection during %s", uri.getPath());
            return torre(new TorreException(ErrorCode.MALFORMED_REQUEST, "The connection was closed"), uri);
        }
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return torre(new TorreException(ErrorCode.INTERNAL, "Something went wrong on our side; it has been logged"), uri);
    }

    private static boolean callerWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Vert.x's closed-connection failure, or RESTEasy's body stream opened on a connection already closed (by
            // the caller, or by MalformedBodies after answering a broken chunked body itself)
            if (t instanceof HttpClosedException || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
