package dev.torre.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A trained (or refused) model: its status, metrics and coefficients, largest first (those the caller may see:
 * a feature derived from a field hidden from it is left out).
 */
public record ScoringModelView(UUID id, String kind, int modelVersion, String status, Double intercept,
        List<Map<String, Object>> features, Map<String, Object> metrics, Instant trainedAt) {

    static ScoringModelView of(ScoringModel m, List<Map<String, Object>> features) {
        return new ScoringModelView(m.id, m.kind, m.modelVersion, m.status, m.intercept, features, m.metrics, m.trainedAt);
    }
}
