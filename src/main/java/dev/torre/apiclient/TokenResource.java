package dev.torre.apiclient;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OAuth 2.0 token endpoint for the client credentials grant (RFC 6749 §4.4). Public: the client authenticates
 * itself here, by HTTP Basic or by {@code client_id} and {@code client_secret} form fields (one way, not both).
 * Errors are RFC 6749 §5.2 JSON documents, not problem documents, since OAuth client libraries read those.
 */
@Path("/v1/oauth/token")
@Tag(name = "API clients")
@PermitAll
public class TokenResource {

    @Inject
    TokenService tokens;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "Issue an access token to an API client", description = "grant_type=client_credentials, optional scope "
            + "(a subset of the client's); client authentication by HTTP Basic or form fields. Answers access_token (a JWT signed "
            + "by Torre, see /.well-known/jwks.json), token_type Bearer, expires_in and scope; errors per RFC 6749 §5.2.")
    @APIResponse(responseCode = "200", description = "The access token", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TokenAnswers.Token.class)))
    @APIResponse(responseCode = "400", description = "invalid_request, unsupported_grant_type or invalid_scope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenAnswers.Error.class)))
    @APIResponse(responseCode = "401", description = "invalid_client (with WWW-Authenticate: Basic)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenAnswers.Error.class)))
    @APIResponse(responseCode = "429", description = "invalid_client without checking the secret: too many failed authentications "
            + "for this client_id (torre.oauth.failed-attempts within torre.oauth.failed-attempts-window); retry after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenAnswers.Error.class)))
    @APIResponse(responseCode = "503", description = "temporarily_unavailable: too many secret checks at once; retry after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenAnswers.Error.class)))
    public Response token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        try {
            String grant = single(form, "grant_type");
            if (grant == null) {
                throw OAuthError.invalidRequest("grant_type is required");
            }
            String formId = single(form, "client_id");
            String formSecret = single(form, "client_secret");
            String scope = single(form, "scope");
            String[] basic = basic(authorization);
            if (basic != null && (formId != null || formSecret != null)) {
                throw OAuthError.invalidRequest("Authenticate the client one way: HTTP Basic or client_id and client_secret, not both");
            }
            String clientId = basic != null ? basic[0] : formId;
            String secret = basic != null ? basic[1] : formSecret;
            if (!"client_credentials".equals(grant)) {
                throw new OAuthError("unsupported_grant_type", "Only grant_type=client_credentials is supported", 400);
            }
            if (clientId == null || secret == null) {
                throw OAuthError.invalidClient();
            }
            TokenService.Issued issued = tokens.issue(clientId, secret, scope);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", issued.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", issued.expiresIn());
            body.put("scope", issued.scope());
            return noStore(Response.ok(body, MediaType.APPLICATION_JSON_TYPE));
        } catch (OAuthError e) {
            Response.ResponseBuilder answer = Response.status(e.status)
                    .entity(Map.of("error", e.error, "error_description", e.getMessage())).type(MediaType.APPLICATION_JSON_TYPE);
            if (e.status == 401) {
                answer.header("WWW-Authenticate", "Basic realm=\"torre\"");
            }
            if (e.status == 503) {
                answer.header("Retry-After", "1");
            }
            if (e.retryAfter > 0) {
                answer.header("Retry-After", Long.toString(e.retryAfter));
            }
            return noStore(answer);
        }
    }

    private static Response noStore(Response.ResponseBuilder answer) {
        return answer.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    /** A form parameter given at most once (RFC 6749 §3.2), or null when absent or blank. */
    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw OAuthError.invalidRequest(name + " is given more than once");
        }
        return values.get(0).isBlank() ? null : values.get(0);
    }

    /** The client id and secret of an HTTP Basic header (each form-urlencoded, RFC 6749 §2.3.1), or null without one. */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (authorization != null) {
                throw OAuthError.invalidClient();
            }
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthError.invalidClient();
        }
        try {
            return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient();
        }
    }
}
