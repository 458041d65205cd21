package dev.torre.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** A tenant's scoring settings, one row per tenant. Written only by {@link ScoringSettingsService}. */
@Entity
@Table(name = "scoring_settings")
public class ScoringSettings extends TenantEntity {

    @Column(name = "blend_weight")
    public BigDecimal blendWeight;

    @Column(name = "change_step")
    public int changeStep;

    /** Each {@code {"score": 60, "stage": "mql"}}, ascending; the stage is optional. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Map<String, Object>> thresholds = new ArrayList<>();

    @Column(name = "label_window_days")
    public int labelWindowDays;

    @Column(name = "churn_window_days")
    public int churnWindowDays;

    @Column(name = "min_positives")
    public int minPositives;

    @Column(name = "min_negatives")
    public int minNegatives;

    /** Moves with every change of the tenant's rules, and is stored with each score. */
    @Column(name = "rules_version")
    public long rulesVersion;
}
