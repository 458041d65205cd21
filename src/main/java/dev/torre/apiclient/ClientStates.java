package dev.torre.apiclient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.torre.platform.security.ClientRevocations;
import dev.torre.platform.security.OAuthConfig;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * Whether a client token still speaks for a live client, from the client's row as this instance last read it, at most
 * {@code torre.oauth.client-state-ttl} ago. The row is shared, so a client deleted or rotated on one instance is refused
 * on all of them within that time. A token is live while its client exists and is not archived, and it was issued
 * under the current secret, or under the previous one while that one's overlap lasts.
 */
@ApplicationScoped
public class ClientStates implements ClientRevocations {

    @Inject
    ServerClock clock;

    /** What decides about a client's tokens; {@code exists} false for a deleted (or never made) client. */
    record State(boolean exists, int generation, Instant previousUntil) {

        static final State GONE = new State(false, 0, null);

        boolean admits(int tokenGeneration, Instant now) {
            return exists && (tokenGeneration == generation
                    || (tokenGeneration == generation - 1 && previousUntil != null && now.isBefore(previousUntil)));
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    OAuthConfig config;

    private Cache<String, State> states;

    @PostConstruct
    void init() {
        states = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(config.clientStateTtl()).build();
    }

    @Override
    public boolean stillValid(JsonWebToken token) {
        Object clientId = token.getClaim("client_id");
        Object generation = token.getClaim("gen");
        ClientIds.Parsed parsed = clientId == null ? null : ClientIds.parse(clientId.toString());
        if (parsed == null || !(generation instanceof Number) && !(generation instanceof jakarta.json.JsonNumber)) {
            return false;
        }
        int gen = generation instanceof jakarta.json.JsonNumber n ? n.intValue() : ((Number) generation).intValue();
        Object tid = token.getClaim("tid");
        if (tid == null || !parsed.tenant().equals(tid.toString())) {
            return false;
        }
        return states.get(parsed.tenant() + "/" + parsed.id(), key -> read(parsed)).admits(gen, clock.now());
    }

    /** Forgets what this instance knows of a client, so its next token is checked against the database (after a change here). */
    void forget(ClientIds.Parsed client) {
        states.invalidate(client.tenant() + "/" + client.id());
    }

    private State read(ClientIds.Parsed client) {
        return TenantContext.callAs(client.tenant(), () -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            select secret_generation, previous_secret_until from api_client
                            where tenant_id = ? and id = ? and archived_at is null
                            """)) {
                ps.setString(1, client.tenant());
                ps.setObject(2, client.id());
                try (ResultSet row = ps.executeQuery()) {
                    if (!row.next()) {
                        return State.GONE;
                    }
                    java.sql.Timestamp until = row.getTimestamp(2);
                    return new State(true, row.getInt(1), until == null ? null : until.toInstant());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("The API client's state could not be read", e);
            }
        });
    }
}
