package dev.torre.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** One touchpoint on the timeline. Written only by {@link InteractionService}. */
@Entity
@Table(name = "interaction")
public class Interaction extends TenantEntity {

    @Column(nullable = false)
    public InteractionType type;

    @Column(nullable = false)
    public Direction direction;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public String purpose;

    public String subject;

    public String body;

    @Column(name = "from_address")
    public String fromAddress;

    @Column(name = "to_address")
    public String toAddress;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "recording_url")
    public String recordingUrl;

    @Column(name = "page_url")
    public String pageUrl;

    public BigDecimal sentiment;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "company_id")
    public UUID companyId;

    @Column(name = "deal_id")
    public UUID dealId;

    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "external_message_id")
    public String externalMessageId;

    /** An outbound message's delivery status (queued, sent, delivered, opened, clicked, bounced, failed, replied), or null. */
    public String status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> properties = new LinkedHashMap<>();

    public Instant occurredAt() {
        return occurredAt;
    }

    public String typeName() {
        return type.wire();
    }
}
