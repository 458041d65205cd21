package dev.torre.apiclient;

/** An error of the token endpoint, in RFC 6749 §5.2's terms: its code, what went wrong, and the HTTP status. */
final class OAuthError extends RuntimeException {

    final String error;
    final int status;

    OAuthError(String error, String description, int status) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400);
    }

    static OAuthError invalidClient() {
        return new OAuthError("invalid_client", "Client authentication failed: unknown client, wrong secret, or a deleted client", 401);
    }
}
