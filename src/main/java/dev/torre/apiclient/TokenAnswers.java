package dev.torre.apiclient;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The token endpoint's answers as RFC 6749 names them, for the contract (the resource writes them as maps). */
final class TokenAnswers {

    private TokenAnswers() {
    }

    /** A successful access token response (RFC 6749 §5.1). */
    @Schema(name = "OAuthToken")
    record Token(@JsonProperty("access_token") @Schema(required = true) String accessToken,
            @JsonProperty("token_type") @Schema(required = true, examples = "Bearer") String tokenType,
            @JsonProperty("expires_in") @Schema(required = true, description = "Seconds until the token expires") long expiresIn,
            @Schema(required = true, description = "The granted scopes, space-separated") String scope) {
    }

    /** An error response (RFC 6749 §5.2). */
    @Schema(name = "OAuthError")
    record Error(@Schema(required = true, examples = "invalid_client",
            description = "invalid_request, invalid_client, unsupported_grant_type, invalid_scope or temporarily_unavailable") String error,
            @JsonProperty("error_description") String description) {
    }
}
