package dev.torre.deal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** A potential sale moving through a pipeline. Written only by {@link DealService}. */
@Entity
@Table(name = "deal")
public class Deal extends TenantEntity {

    @Column(nullable = false)
    public String name;

    public BigDecimal amount;

    public String currency;

    @Column(name = "pipeline_id", nullable = false)
    public UUID pipelineId;

    @Column(name = "stage_id", nullable = false)
    public UUID stageId;

    /** The caller's own estimate; null follows the stage's default. */
    public BigDecimal probability;

    @Column(name = "expected_close_date")
    public LocalDate expectedCloseDate;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "company_id")
    public UUID companyId;

    public String source;

    @Column(name = "lost_reason")
    public String lostReason;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "stage_changed_at", nullable = false)
    public Instant stageChangedAt;

    @Column(name = "external_id")
    public String externalId;

    /** The deal_win model's probability for an open deal, kept by scoring through {@link DealService#storeWinPredictions}. */
    @Column(name = "predicted_win_probability", insertable = false, updatable = false)
    public BigDecimal predictedWinProbability;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> properties = new LinkedHashMap<>();

    /** The other contacts with their roles, loaded from deal_contact by the service. */
    @Transient
    public List<DealInput.Party> parties = new ArrayList<>();

    /** A stage change applied but not yet recorded in the history. */
    @Transient
    UUID movedFrom;

    @Transient
    boolean moved;

    // getters for the query layer's field registry
    public String name() {
        return name;
    }

    public BigDecimal amount() {
        return amount;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
