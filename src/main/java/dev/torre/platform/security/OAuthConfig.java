package dev.torre.platform.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Torre's own OAuth 2.0 tokens for API clients ({@code torre.oauth.*}, or {@code TORRE_OAUTH_*} in the environment). */
@ConfigMapping(prefix = "torre.oauth")
public interface OAuthConfig {

    /** The {@code iss} of client tokens; must differ from the identity provider's ({@code mp.jwt.verify.issuer}). */
    @WithDefault("torre-oauth")
    String issuer();

    /** How long a client token lives. */
    @WithDefault("PT15M")
    Duration tokenLifetime();

    /** How long a rotated-out client secret (and the tokens issued with it) keeps working beside the new one. */
    @WithDefault("PT24H")
    Duration secretOverlap();

    /**
     * How long an instance trusts what it last read of a client (deleted? which secret generation?): a deleted or
     * rotated-out client's tokens are refused on every instance at most this long after the change.
     */
    @WithDefault("PT3S")
    Duration clientStateTtl();

    /** BCrypt's cost factor for client secrets (2^cost rounds). */
    @WithDefault("10")
    int secretHashCost();

    /**
     * How many client secrets an instance checks at once. Each check costs BCrypt's work on purpose; past this the
     * token endpoint answers 503 with Retry-After instead of letting a flood of token requests take every core.
     */
    @WithDefault("4")
    int secretChecksAtOnce();
}
