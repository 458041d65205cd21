package dev.torre.ticket;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact's Net Promoter answer. */
@Schema(name = "NpsInput")
public record NpsInput(@NotNull UUID contactId,
        @NotNull @Min(0) @Max(10) @Schema(description = "0 (not at all likely to recommend) to 10 (extremely likely)") Integer score,
        @Size(max = 2000) String comment,
        @Schema(description = "When the contact answered; defaults to now") Instant respondedAt) {
}
