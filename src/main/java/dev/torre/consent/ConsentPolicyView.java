package dev.torre.consent;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What "no decision yet" means for one purpose in a tenant.
 *
 * @param allowedWithoutDecision whether a contact with no (or only an expired) decision may be reached
 * @param basis                  the lawful basis that then applies, e.g. contract for service notifications
 */
@Schema(name = "ConsentPolicy")
public record ConsentPolicyView(String purpose, @NotNull Boolean allowedWithoutDecision,
        @Schema(examples = "contract") String basis) {
}
