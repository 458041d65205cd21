package dev.torre.deal;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a pipeline stage. */
@Input("StageInput")
@Schema(name = "StageInput", description = "A pipeline stage")
public record StageInput(
        @NotBlank @Size(max = 200) @Schema(examples = "Proposal") String name,
        @NotNull @Schema(description = "open, won or lost") StageKind kind,
        @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4)
        @Schema(description = "Default win probability of the stage's deals, 0..1; won stages default to 1, others to 0") BigDecimal probability) {

    BigDecimal effectiveProbability() {
        if (probability != null) {
            return probability;
        }
        return kind == StageKind.WON ? BigDecimal.ONE : BigDecimal.ZERO;
    }
}
