package dev.torre.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

/** One event on its way to one subscription: its attempts so far and when the next is due. Read by the API; written by {@link DeliveryStore}. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    public long position;

    @Column(name = "event_seq")
    public Long eventSeq;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "entity_id")
    public UUID entityId;

    @Column(name = "message_id")
    public String messageId;

    public String status;

    public int attempts;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "latency_ms")
    public Integer latencyMs;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at")
    public Instant createdAt;

    public UUID id() {
        return id;
    }
}
