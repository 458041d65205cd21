package dev.torre.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/**
 * A webhook subscription: where to push which events, signed with its own secret (stored sealed), read with its
 * owner's roles, and how far it has read the event log. Written only by {@link WebhookService} and the delivery worker.
 */
@Entity
@Table(name = "webhook_subscription")
// the worker moves feed_cursor by itself: an API change must write only what it changed, never an old cursor back
@DynamicUpdate
public class Webhook extends TenantEntity {

    @Column(nullable = false)
    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> fields;

    public String filter;

    public String description;

    @Column(nullable = false)
    public boolean enabled = true;

    /** Sealed; never shown after the create answer. */
    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "owner_actor")
    public String ownerActor;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "owner_roles", nullable = false)
    public List<String> ownerRoles = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "owner_scopes")
    public List<String> ownerScopes;

    @Column(name = "feed_cursor")
    public String feedCursor;

    @Column(name = "disabled_reason")
    public String disabledReason;

    /** The plain secret, set only in the request that made it, so that answer alone can show it. */
    @Transient
    public String revealedSecret;
}
