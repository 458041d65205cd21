package dev.torre.scoring;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** One request to train a model, from queued to a final status, with its progress. Written only by {@link TrainingJobService}. */
@Entity
@Table(name = "scoring_job")
public class TrainingJob extends TenantEntity {

    public String kind;

    /** queued, running, succeeded, insufficient_data or failed. */
    public String status;

    public String phase;

    public int progress;

    @Column(name = "model_id")
    public UUID modelId;

    public String detail;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
