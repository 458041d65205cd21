package dev.torre.scoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An open deal's predicted chance of being won, with the largest logit parts of the deal_win model. */
public record WinPredictionView(UUID dealId, double predictedWinProbability, List<Part> factors, String model,
        int modelVersion, Instant computedAt) {

    /** A feature's share of the logit: positive raises the chance, negative lowers it. */
    public record Part(String name, double logit) {
    }
}
