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

    /**
     * How long an instance trusts its copy of the signing keys before reading them again: after a rotation on another
     * instance, this one may sign with the previous key for up to this long (and publishes the new key within it).
     */
    @WithDefault("PT30S")
    Duration signingKeyRefresh();

    /** The clock difference tolerated between Torre and those verifying its tokens; a rotated-out key stays published this much longer. */
    @WithDefault("PT60S")
    Duration clockSkew();

    /** How many keys may be published at once; a rotation past it is refused until the oldest retires. */
    @WithDefault("5")
    int maxPublishedKeys();

    /** Failed client authentications per client id within {@link #failedAttemptsWindow()} before the token endpoint answers 429. */
    @WithDefault("10")
    int failedAttempts();

    /** The window of {@link #failedAttempts()}, counted from the first failure; a success clears it. */
    @WithDefault("PT5M")
    Duration failedAttemptsWindow();
}
