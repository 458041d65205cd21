package dev.torre.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A scoring rule as the API shows it. */
public record ScoringRuleView(UUID id, String name, String kind, String condition, String interactionType, String match,
        Integer windowDays, Integer minCount, BigDecimal halfLifeDays, BigDecimal points, long version, Instant createdAt,
        Instant updatedAt) {

    static ScoringRuleView of(ScoringRule r) {
        return new ScoringRuleView(r.id, r.name, r.kind, r.condition, r.interactionType, r.match, r.windowDays,
                r.minCount, r.halfLifeDays, r.points, r.version, r.createdAt, r.updatedAt);
    }
}
