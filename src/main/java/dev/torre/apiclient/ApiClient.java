package dev.torre.apiclient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/**
 * An API client: a partner's own credentials (OAuth 2.0 client credentials) with the scopes and roles its tokens
 * carry and an optional rate of its own. Its secret is kept only as a BCrypt hash. Written only by
 * {@link ApiClientService}.
 */
@Entity
@Table(name = "api_client")
public class ApiClient extends TenantEntity {

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> scopes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> roles = new ArrayList<>();

    /** Requests per second, across every instance; null: only the tenant's rate applies. */
    @Column(name = "rate_limit")
    public Integer rateLimit;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "secret_generation", nullable = false)
    public int secretGeneration = 1;

    @Column(name = "previous_secret_hash")
    public String previousSecretHash;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    /** The plain secret, set only in the request that made it, so that answer alone can show it. */
    @Transient
    public String revealedSecret;

    /** What a caller names the client by when asking for a token: its tenant and id. */
    public String clientId() {
        return ClientIds.of(tenantId != null ? tenantId : dev.torre.platform.tenancy.TenantContext.current(), id);
    }
}
