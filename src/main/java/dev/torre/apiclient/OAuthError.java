package dev.torre.apiclient;

/** An error of the token endpoint, in RFC 6749 §5.2's terms: its code, what went wrong, and the HTTP status. */
final class OAuthError extends RuntimeException {

    final String error;
    final int status;
    /** Seconds for Retry-After, or 0 for none. */
    final long retryAfter;

    OAuthError(String error, String description, int status) {
        this(error, description, status, 0);
    }

    OAuthError(String error, String description, int status, long retryAfter) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /**
     * Too many failed authentications for this client id: 429 (RFC 6585 §4) with Retry-After, and RFC 6749's
     * {@code invalid_client}, since the client was not authenticated; the secret was not checked.
     */
    static OAuthError throttled(long retryAfter) {
        return new OAuthError("invalid_client", "Too many failed authentications for this client; retry in " + retryAfter + " s",
                429, retryAfter);
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400);
    }

    static OAuthError invalidClient() {
        return new OAuthError("invalid_client", "Client authentication failed: unknown client, wrong secret, or a deleted client", 401);
    }
}
