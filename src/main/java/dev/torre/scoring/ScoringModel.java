package dev.torre.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/**
 * One training outcome of a tenant's predictive model: a ready linear model (standardisation and coefficients per
 * feature) or a refusal for insufficient data, with its metrics. Written only by {@link ScoringModelService}.
 */
@Entity
@Table(name = "scoring_model")
public class ScoringModel extends TenantEntity {

    public String kind;

    @Column(name = "model_version")
    public int modelVersion;

    /** {@code ready} or {@code insufficient_data}. */
    public String status;

    public Double intercept;

    /** Each {@code {"name", "mean", "sd", "coefficient"}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Map<String, Object>> features = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metrics = new LinkedHashMap<>();

    @Column(name = "trained_at")
    public Instant trainedAt;
}
