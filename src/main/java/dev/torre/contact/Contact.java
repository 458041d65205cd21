package dev.torre.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** A person the tenant does business with. Written only by {@link ContactService}. */
@Entity
@Table(name = "contact")
public class Contact extends TenantEntity {

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String email;

    public String phone;

    @Column(name = "company_id")
    public UUID companyId;

    @Column(name = "lifecycle_stage", nullable = false)
    public LifecycleStage lifecycleStage = LifecycleStage.LEAD;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "utm_source")
    public String utmSource;

    @Column(name = "utm_medium")
    public String utmMedium;

    @Column(name = "utm_campaign")
    public String utmCampaign;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public List<String> tags = new ArrayList<>();

    @Column(name = "external_id")
    public String externalId;

    /** IANA id, checked on write; null: the tenant's messaging time zone applies. */
    @Column(name = "time_zone")
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> properties = new LinkedHashMap<>();

    @Column(name = "order_count", nullable = false)
    public int orderCount;

    @Column(name = "first_order_at")
    public java.time.Instant firstOrderAt;

    @Column(name = "last_order_at")
    public java.time.Instant lastOrderAt;

    /** Lifetime value per ISO 4217 currency, as decimal strings. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "lifetime_value", nullable = false)
    public Map<String, String> lifetimeValue = new LinkedHashMap<>();
    /** The lead score, kept by the scoring capability through {@link ContactService#storeLeadScores}; read-only here. */
    @Column(name = "lead_score", insertable = false, updatable = false)
    public Integer leadScore;

    /** The churn risk (0-1) of a customer, kept by scoring through {@link ContactService#storeChurnRisks}; read-only here. */
    @Column(name = "churn_risk", insertable = false, updatable = false)
    public java.math.BigDecimal churnRisk;

    /** When the latest interaction with the contact happened; kept by the interaction timeline. */
    @Column(name = "last_interaction_at")
    public Instant lastInteractionAt;

    /** When the contact last reached out (the latest inbound interaction). */
    @Column(name = "last_inbound_at")
    public Instant lastInboundAt;

    /** The contact this one was merged into (then it is archived); written by the merge capability only. */
    @Column(name = "merged_into", insertable = false, updatable = false)
    public UUID mergedInto;

    // getters for the query layer's field registry
    public String email() {
        return email;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String stage() {
        return lifecycleStage.wire();
    }

    public UUID companyId() {
        return companyId;
    }
}
