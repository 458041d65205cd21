package dev.torre.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A tenant's scoring settings as the API shows them. */
public record ScoringSettingsView(BigDecimal blendWeight, int changeStep, List<ScoringSettingsInput.Threshold> thresholds,
        int labelWindowDays, int churnWindowDays, int minPositives, int minNegatives, long rulesVersion, long version, Instant updatedAt) {
}
