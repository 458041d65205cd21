package dev.torre.platform.security;

import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies each bearer token once and remembers the result for a few minutes (never past
 * the token's own expiry). Portals and integrations send the same token on every call, and
 * checking its RSA signature and parsing its claims was a fifth of the CPU of a read.
 * A token that fails verification is never remembered. Besides the configured issuer, it
 * accepts the tokens Torre signs itself: the preference portal's ({@link PortalTokens}) and API clients'
 * ({@link SigningKeys}, picked by the token's {@code kid}). Every kind is refused past a maximum age, however far off
 * its expiry; a client token is also refused, remembered or not, once its client is deleted or its secret rotated out
 * ({@link ClientRevocations}, which reads the client's state again after a few seconds), or once the key that signed
 * it has retired after a rotation ({@link SigningKeys}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private static final Duration REMEMBER = Duration.ofMinutes(5);

    @Inject
    JWTAuthContextInfo authContext;

    @Inject
    PortalTokens portal;

    @Inject
    dev.torre.platform.config.TorreConfig config;

    @Inject
    SigningKeys clientKeys;

    @Inject
    OAuthConfig oauth;

    @Inject
    jakarta.enterprise.inject.Instance<ClientRevocations> revocations;

    private JWTParser verifier;

    /** A verified token and, for Torre's client tokens, the key that signed it (null for others). */
    private record Verified(JsonWebToken token, String clientKid) {
    }

    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterWrite(REMEMBER)
            .build();

    @PostConstruct
    void init() {
        verifier = new DefaultJWTParser(authContext);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Verified known = verified.getIfPresent(token);
        if (known != null && Instant.now().getEpochSecond() < known.token().getExpirationTime()) {
            if (known.clientKid() != null && !clientKeys.live(known.clientKid())) {
                throw new ParseException("The key that signed the token was rotated out");
            }
            return live(young(known.token()));
        }
        // Torre's own portal and client tokens are verified with Torre's keys and issuers, all others as configured.
        JWTParser chosen = portal.verifier() != null && portal.claimsPortalIssuer(token) ? portal.verifier() : verifier;
        String issuer = portal.unverifiedClaim(token, "iss");
        String clientKid = null;
        if (oauth.issuer().equals(issuer)) {
            clientKid = portal.unverifiedHeader(token, "kid");
            chosen = clientKeys.verifier(clientKid);
            if (chosen == null) {
                throw new ParseException("The token names no key of this server");
            }
        }
        JsonWebToken fresh = young(new RememberedClaims(chosen.parse(token)));
        live(fresh);
        verified.put(token, new Verified(fresh, clientKid));
        return fresh;
    }

    /** The token, unless it is an API client's whose client is gone or whose secret was rotated out. */
    private JsonWebToken live(JsonWebToken token) throws ParseException {
        if (oauth.issuer().equals(token.getIssuer()) && !revocations.isUnsatisfied() && !revocations.get().stillValid(token)) {
            throw new ParseException("The token's API client was deleted or its secret rotated out");
        }
        return token;
    }

    /**
     * The token, if younger than {@code torre.security.max-token-age} and issued to live no longer than that;
     * checked on every use, remembered or not, since a remembered token keeps ageing.
     */
    private JsonWebToken young(JsonWebToken token) throws ParseException {
        long max = config.security().maxTokenAge().toSeconds();
        long issued = token.getIssuedAtTime();
        if (issued <= 0) {
            throw new ParseException("The token has no 'iat' claim, so its age cannot be checked");
        }
        if (Instant.now().getEpochSecond() - issued > max) {
            throw new ParseException("The token was issued more than " + max + " s ago");
        }
        if (token.getExpirationTime() - issued > max) {
            throw new ParseException("The token was issued to live longer than " + max + " s");
        }
        return token;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, java.security.PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
