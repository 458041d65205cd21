package dev.torre.privacy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** A data-subject request (access or erasure) and where it stands. Written only by {@link PrivacyRequestService}. */
@Entity
@Table(name = "privacy_request")
public class PrivacyRequest extends TenantEntity {

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(name = "contact_id", nullable = false, updatable = false)
    public UUID contactId;

    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public int progress;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> result;

    public String failure;

    @Column(name = "requested_by", updatable = false)
    public String requestedBy;

    @Column(name = "completed_at")
    public Instant completedAt;
}
