package dev.torre.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether a verified API-client token still speaks for a live client: implemented by the capability that keeps the
 * clients ({@code apiclient}), so that security does not depend on it. Asked on every use of a client token, remembered
 * or not, since a client may be deleted or its secret rotated while its tokens are still young.
 */
public interface ClientRevocations {

    boolean stillValid(JsonWebToken token);
}
