package dev.torre.deal;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** One entry of a deal's stage history. */
@Type("StageChange")
public record StageChangeView(@Id UUID fromStageId, @Id UUID toStageId, Instant changedAt, String changedBy) {

    static StageChangeView of(DealStageChange c) {
        return new StageChangeView(c.fromStageId, c.toStageId, c.changedAt, c.changedBy);
    }
}
