package dev.torre.scoring;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a scoring rule. */
@Schema(name = "ScoringRuleInput", description = "An attribute rule (condition) or a behaviour rule (interactionType, windowDays, ...) and its points")
public record ScoringRuleInput(
        @NotBlank @Size(max = 100) @Schema(examples = "Gold accounts") String name,
        @NotNull @Pattern(regexp = "attribute|behaviour", message = "must be attribute or behaviour") String kind,
        @Size(max = 2000) @Schema(description = "Attribute rules: a contact filter in the list filter grammar; company.* names the contact's company",
                examples = "company.tier eq \"gold\"") String condition,
        @Pattern(regexp = "[a-z][a-z_]{0,29}", message = "must be an interaction type such as web_visit or email")
        @Schema(description = "Behaviour rules: the interaction type counted", examples = "web_visit") String interactionType,
        @Size(max = 2000) @Schema(description = "Behaviour rules: an optional interaction filter on pageUrl, subject, purpose, direction, sentiment, durationSeconds",
                examples = "pageUrl co \"/pricing\"") String match,
        @Min(value = 1, message = "must be between 1 and 3650 days") @Max(value = 3650, message = "must be between 1 and 3650 days")
        @Schema(description = "Behaviour rules: only interactions of the last windowDays count") Integer windowDays,
        @Min(value = 1, message = "must be between 1 and 1000") @Max(value = 1000, message = "must be between 1 and 1000")
        @Schema(description = "Behaviour rules: how many matching interactions the rule needs (default 1)") Integer minCount,
        @DecimalMin(value = "0.1", message = "must be between 0.1 and 3650 days") @DecimalMax(value = "3650", message = "must be between 0.1 and 3650 days")
        @Schema(description = "Behaviour rules: the points halve every halfLifeDays since the latest matching interaction; absent = no decay") BigDecimal halfLifeDays,
        @NotNull @DecimalMin(value = "-100", message = "must be between -100 and 100") @DecimalMax(value = "100", message = "must be between -100 and 100")
        @Schema(description = "Points added (or, negative, taken away) when the rule holds") BigDecimal points) {
}
