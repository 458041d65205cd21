package dev.torre.scoring;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's scoring settings. */
@Schema(name = "ScoringSettingsInput", description = "How the lead score blends, notifies and trains")
public record ScoringSettingsInput(
        @NotNull @DecimalMin(value = "0", message = "must be between 0 and 1") @DecimalMax(value = "1", message = "must be between 0 and 1")
        @Schema(description = "Share of the score that comes from the trained model (when one is ready); the rules give the rest") BigDecimal blendWeight,
        @NotNull @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100")
        @Schema(description = "contact.score_changed is emitted only when the score moved at least this much since the last one") Integer changeStep,
        @NotNull @Size(max = 10, message = "at most 10 thresholds") @Schema(description = "Scores whose crossing emits contact.score_threshold_crossed")
        List<@Valid @NotNull Threshold> thresholds,
        @NotNull @Min(value = 1, message = "must be between 1 and 730") @Max(value = 730, message = "must be between 1 and 730")
        @Schema(description = "Lead conversion label: became a customer within this many days of becoming a lead") Integer labelWindowDays,
        @NotNull @Min(value = 7, message = "must be between 7 and 730") @Max(value = 730, message = "must be between 7 and 730")
        @Schema(description = "Churn label: a customer churned when it placed no paid order and started no inbound interaction within this many days") Integer churnWindowDays,
        @NotNull @Min(value = 5, message = "must be between 5 and 100000") @Max(value = 100000, message = "must be between 5 and 100000")
        @Schema(description = "Training refuses with fewer positive examples") Integer minPositives,
        @NotNull @Min(value = 5, message = "must be between 5 and 100000") @Max(value = 100000, message = "must be between 5 and 100000")
        @Schema(description = "Training refuses with fewer negative examples") Integer minNegatives) {

    /** A score that matters to the tenant; crossing it upwards may move the contact forward to {@code stage}. */
    public record Threshold(
            @NotNull @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100") Integer score,
            @Pattern(regexp = "subscriber|lead|mql|sql|opportunity|customer|evangelist",
                    message = "must be one of subscriber, lead, mql, sql, opportunity, customer, evangelist")
            @Schema(description = "Optional: contacts crossing upwards move forward to this lifecycle stage (never backward)") String stage) {
    }
}
