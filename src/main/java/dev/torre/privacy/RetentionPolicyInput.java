package dev.torre.privacy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new retention rule. */
@Schema(name = "RetentionPolicyInput")
public record RetentionPolicyInput(
        @NotNull @Schema(enumeration = { "delete_interactions", "anonymise_archived_contacts" }) String action,
        @Size(max = 30) String interactionType,
        @NotNull @Min(1) @Max(36500) Integer olderThanDays) {
}
