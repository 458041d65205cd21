package dev.torre.platform.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/**
 * One row of the event log: audit trail, change feed and outbox at once. Written only by
 * {@link EventLog}, in the transaction of the change it records; never updated.
 */
@Entity
@Table(name = "event_log")
public class Event {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "event_log_seq")
    @SequenceGenerator(name = "event_log_seq", sequenceName = "event_log_seq", allocationSize = 100)
    public Long seq;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(name = "entity_type", nullable = false, updatable = false)
    public String entityType;

    @Column(name = "entity_id", nullable = false, updatable = false)
    public UUID entityId;

    @Column(updatable = false)
    public String actor;

    @Column(name = "request_id", updatable = false)
    public String requestId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, Object> payload;
}
