package dev.torre.portal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact's own decision for one purpose on one channel, made in the portal. */
@Schema(name = "PreferenceInput")
public record PreferenceInput(
        @NotNull @Schema(examples = "marketing") String purpose,
        @NotNull @Schema(examples = "email") String channel,
        @NotNull @Schema(examples = "granted") String status,
        @Size(max = 200) @Schema(description = "Version id of the wording shown; a grant needs it or the wording", examples = "prefs-2024-05") String wordingVersion,
        @Size(max = 2000) @Schema(description = "The wording shown, when no version id names it") String wording) {
}
