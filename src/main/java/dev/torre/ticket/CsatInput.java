package dev.torre.ticket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer's satisfaction with how a ticket was handled. */
@Schema(name = "CsatInput")
public record CsatInput(@NotNull @Min(1) @Max(5) @Schema(description = "1 (very unsatisfied) to 5 (very satisfied)") Integer score,
        @Size(max = 2000) String comment) {
}
