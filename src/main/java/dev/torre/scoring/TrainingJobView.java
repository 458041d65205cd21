package dev.torre.scoring;

import java.time.Instant;
import java.util.UUID;

/** A training job as the API shows it. */
public record TrainingJobView(UUID id, String kind, String status, String phase, int progress, UUID modelId, String detail,
        Instant createdAt, Instant startedAt, Instant finishedAt) {

    static TrainingJobView of(TrainingJob j) {
        return new TrainingJobView(j.id, j.kind, j.status, j.phase, j.progress, j.modelId, j.detail, j.createdAt,
                j.startedAt, j.finishedAt);
    }
}
