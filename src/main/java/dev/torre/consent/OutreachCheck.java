package dev.torre.consent;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An outbound message a tool is about to send, asked about before it is sent. */
@Schema(name = "OutreachCheck")
public record OutreachCheck(@NotNull @Schema(examples = "marketing") String purpose,
        @NotNull @Schema(examples = "email") String channel,
        @Size(max = 1000) @Schema(description = "Send anyway, for this reason (admin only); kept as a consent.overridden event") String overrideReason) {
}
