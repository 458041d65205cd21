package dev.torre.portal;

import java.time.Instant;
import java.util.UUID;

/** A freshly minted portal token: hand it to the contact's browser, it reaches only {@code /v1/me/*}. */
public record PortalTokenView(UUID contactId, String token, Instant expiresAt, String scope) {
}
