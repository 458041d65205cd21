package dev.torre.apiclient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.ids.Ids;
import dev.torre.platform.security.OAuthConfig;
import dev.torre.platform.security.SigningKeys;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;
import io.smallrye.jwt.build.Jwt;

/**
 * Issues client tokens (RFC 6749 §4.4): checks the client's secret against its hash (or the previous one's during a
 * rotation's overlap), narrows the scopes to those asked for, and signs a short-lived JWT with Torre's key. The
 * token carries the secret generation it was issued under, so rotating the secret out revokes it.
 */
@ApplicationScoped
public class TokenService {

    @Inject
    ServerClock clock;

    /** A token and what it grants, as the endpoint answers it. */
    public record Issued(String accessToken, long expiresIn, String scope) {
    }

    /** A client's row as the token endpoint needs it. */
    private record Stored(List<String> scopes, List<String> roles, String secretHash, int generation, String previousHash,
            Instant previousUntil, Integer rateLimit) {
    }

    /** A hash of a random secret: checking against it costs the same as a real check, so unknown ids do not answer faster. */
    private volatile String decoy;

    @Inject
    DataSource dataSource;

    @Inject
    ApiClientService clients;

    @Inject
    SigningKeys keys;

    @Inject
    OAuthConfig config;

    @Inject
    FailedTokens failures;

    private java.util.concurrent.Semaphore checks;

    /** How many BCrypt checks this instance has run (real or decoy): the throttle's proof that it spares them. */
    final java.util.concurrent.atomic.AtomicLong secretChecks = new java.util.concurrent.atomic.AtomicLong();

    /** The permits of the secret checks that may run at once ({@code torre.oauth.secret-checks-at-once}). */
    java.util.concurrent.Semaphore checks() {
        if (checks == null) {
            synchronized (this) {
                if (checks == null) {
                    checks = new java.util.concurrent.Semaphore(Math.max(1, config.secretChecksAtOnce()));
                }
            }
        }
        return checks;
    }

    /**
     * The token for a client that proves its secret; throttled per client id after repeated failures (checked before any
     * secret is, so a throttled id costs no BCrypt work).
     */
    public Issued issue(String clientId, String secret, String scope) {
        FailedTokens.Attempts attempts = failures.of(clientId);
        if (attempts.retryAfter() > 0) {
            throw OAuthError.throttled(attempts.retryAfter());
        }
        Issued issued;
        try {
            issued = permitted(clientId, secret, scope);
        } catch (OAuthError e) {
            if ("invalid_client".equals(e.error)) {
                failures.failed(clientId);
            }
            throw e;
        }
        if (attempts.failures() > 0) {
            failures.cleared(clientId);
        }
        return issued;
    }

    private Issued permitted(String clientId, String secret, String scope) {
        java.util.concurrent.Semaphore permits = checks();
        try {
            if (!permits.tryAcquire(1, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new OAuthError("temporarily_unavailable", "Too many token requests at once; retry in a second", 503);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthError("temporarily_unavailable", "Interrupted", 503);
        }
        try {
            return checked(clientId, secret, scope);
        } finally {
            permits.release();
        }
    }

    private Issued checked(String clientId, String secret, String scope) {
        ClientIds.Parsed parsed = ClientIds.parse(clientId);
        Stored stored = parsed == null ? null : TenantContext.callAs(parsed.tenant(), () -> read(parsed));
        if (stored == null) {
            if (decoy == null) {
                decoy = clients.hasher().encode(ApiClientService.newSecret());
            }
            secretChecks.incrementAndGet();
            clients.hasher().matches(secret, decoy);
            throw OAuthError.invalidClient();
        }
        int generation;
        secretChecks.incrementAndGet();
        if (clients.hasher().matches(secret, stored.secretHash())) {
            generation = stored.generation();
        } else if (stored.previousHash() != null && stored.previousUntil() != null && clock.now().isBefore(stored.previousUntil())
                && clients.hasher().matches(secret, stored.previousHash())) {
            generation = stored.generation() - 1;
        } else {
            throw OAuthError.invalidClient();
        }
        Set<String> granted = granted(scope, stored.scopes());
        Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(config.tokenLifetime());
        var claims = Jwt.issuer(config.issuer())
                .subject(clientId)
                .claim("tid", parsed.tenant())
                .claim("client_id", clientId)
                .claim("gen", generation)
                .claim("scope", String.join(" ", granted))
                .groups(new LinkedHashSet<>(stored.roles()))
                .claim("jti", Ids.next().toString())
                .issuedAt(now)
                .expiresAt(expires);
        if (stored.rateLimit() != null) {
            claims.claim("rate", stored.rateLimit()); // a changed rate applies to the tokens issued after the change
        }
        String token = keys.sign(claims);
        return new Issued(token, expires.getEpochSecond() - now.getEpochSecond(), String.join(" ", granted));
    }

    /** The scopes asked for, which must all be the client's; none asked: all of the client's. */
    private static Set<String> granted(String scope, List<String> allowed) {
        if (scope == null || scope.isBlank()) {
            return new LinkedHashSet<>(allowed);
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
        for (String s : asked) {
            if (!allowed.contains(s)) {
                throw new OAuthError("invalid_scope", "The client may not ask for '" + s + "'", 400);
            }
        }
        return asked;
    }

    private Stored read(ClientIds.Parsed client) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select scopes, roles, secret_hash, secret_generation, previous_secret_hash, previous_secret_until, rate_limit
                        from api_client where tenant_id = ? and id = ? and archived_at is null
                        """)) {
            ps.setString(1, client.tenant());
            ps.setObject(2, client.id());
            try (ResultSet row = ps.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                java.sql.Timestamp until = row.getTimestamp(6);
                return new Stored(List.of((String[]) row.getArray(1).getArray()), List.of((String[]) row.getArray(2).getArray()),
                        row.getString(3), row.getInt(4), row.getString(5), until == null ? null : until.toInstant(),
                        (Integer) row.getObject(7));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The API client could not be read", e);
        }
    }
}
