package dev.torre.deal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a deal: the body of a create, the shape a merge patch applies to. */
@Schema(name = "DealInput", description = "The writable fields of a deal")
public record DealInput(
        @NotBlank @Size(max = 300) @Schema(examples = "Acme renewal 2025") String name,
        @Size(max = 40) @Schema(description = "A decimal string with no more decimals than the currency's minor unit (2 for EUR, 0 for JPY)", examples = "12000.50") String amount,
        @Schema(description = "ISO 4217 code; required with an amount", examples = "EUR") String currency,
        @Schema(description = "Defaults to the stage's pipeline, or the tenant's default pipeline") UUID pipelineId,
        @Schema(description = "Must belong to the pipeline; defaults to its first stage") UUID stageId,
        @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4)
        @Schema(description = "Win probability 0..1; absent follows the stage's default") BigDecimal probability,
        LocalDate expectedCloseDate,
        @Size(max = 200) String ownerId,
        @Schema(description = "The primary contact") UUID contactId,
        UUID companyId,
        @Size(max = 50) @Schema(description = "Other contacts with their role") List<@Valid @NotNull Party> contacts,
        @Size(max = 200) String source,
        @Size(max = 500) @Schema(description = "Required when the stage is a lost one") String lostReason,
        @Size(max = 200) @Schema(description = "The caller's own key, unique per tenant") String externalId,
        @Schema(description = "Custom fields: a JSON object of up to 100 keys") Map<String, Object> properties) {

    /** The same input with these custom properties (as they will be stored: sensitive ones sealed). */
    public DealInput withProperties(Map<String, Object> properties) {
        return new DealInput(name, amount, currency, pipelineId, stageId, probability, expectedCloseDate, ownerId, contactId, companyId, contacts, source, lostReason, externalId, properties);
    }

    /** A contact of the deal and the part they play. */
    @Schema(name = "DealContactInput")
    public record Party(@NotNull UUID contactId, @Size(max = 100) @Schema(examples = "decision maker") String role) {
    }
}
