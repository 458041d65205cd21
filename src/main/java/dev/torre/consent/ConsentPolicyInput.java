package dev.torre.consent;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body that sets what "no decision yet" means for one purpose. */
@Schema(name = "ConsentPolicyInput")
public record ConsentPolicyInput(@NotNull Boolean allowedWithoutDecision,
        @Schema(description = "Required when allowed without decision", examples = "contract") String basis) {
}
