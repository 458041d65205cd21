package dev.torre.scoring;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** One tenant rule of the lead score: an attribute condition or a behaviour, worth some points. Written only by {@link ScoringRuleService}. */
@Entity
@Table(name = "scoring_rule")
public class ScoringRule extends TenantEntity {

    public String name;

    /** {@code attribute} or {@code behaviour}. */
    public String kind;

    /** Attribute rules: a contact filter, e.g. {@code company.tier eq "gold"}. */
    public String condition;

    @Column(name = "interaction_type")
    public String interactionType;

    /** Behaviour rules: an optional interaction filter, e.g. {@code pageUrl co "/pricing"}. */
    public String match;

    @Column(name = "window_days")
    public Integer windowDays;

    @Column(name = "min_count")
    public Integer minCount;

    @Column(name = "half_life_days")
    public BigDecimal halfLifeDays;

    public BigDecimal points;
}
