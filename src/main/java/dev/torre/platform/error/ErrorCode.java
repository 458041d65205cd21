package dev.torre.platform.error;

/**
 * Every way a Torre request can fail, with the HTTP status and problem type it maps to.
 * REST turns a code into a problem document; GraphQL into {@code extensions.code}.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    VALIDATION(400, "validation", "Invalid input"),
    INVALID_QUERY(400, "invalid-query", "Invalid query"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout"),
    CONFLICT(409, "conflict", "Conflict"),
    INVALID_TRANSITION(409, "invalid-transition", "Transition not allowed"),
    CONSENT_MISSING(409, "consent-missing", "Consent missing"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TOTAL_MISMATCH(422, "total-mismatch", "Totals do not add up"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency key reused"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    BULK_READ_BLOCKED(429, "bulk-read-blocked", "Bulk reads blocked"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "Request header fields too large"),
    INTERNAL(500, "internal", "Internal error"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    QUERY_TIMEOUT(503, "query-timeout", "Query timed out");

    private final int status;
    private final String slug;
    private final String title;

    ErrorCode(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The problem type, a URI reference relative to the API root. */
    public String type() {
        return "/problems/" + slug;
    }

    public String title() {
        return title;
    }
}
