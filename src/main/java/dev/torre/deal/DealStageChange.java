package dev.torre.deal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** One move of a deal from a stage to another (from is null for the stage it was created in). Never changed. */
@Entity
@Table(name = "deal_stage_change")
public class DealStageChange extends TenantEntity {

    @Column(name = "deal_id", nullable = false, updatable = false)
    public UUID dealId;

    @Column(name = "from_stage_id", updatable = false)
    public UUID fromStageId;

    @Column(name = "to_stage_id", nullable = false, updatable = false)
    public UUID toStageId;

    @Column(name = "changed_at", nullable = false, updatable = false)
    public Instant changedAt;

    @Column(name = "changed_by", updatable = false)
    public String changedBy;

    static DealStageChange of(UUID dealId, UUID from, UUID to, Instant at, String by) {
        DealStageChange change = new DealStageChange();
        change.dealId = dealId;
        change.fromStageId = from;
        change.toStageId = to;
        change.changedAt = at;
        change.changedBy = by;
        return change;
    }
}
