package dev.torre.transfer;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A saved column mapping as written. */
@Schema(name = "ImportMappingInput")
public record ImportMappingInput(
        @NotBlank @Size(max = 200) @Schema(description = "Unique among the tenant's mappings", examples = "Shop customers") String name,
        @NotBlank @Schema(description = "contact, company, deal, product or order") String objectType,
        @NotNull @NotEmpty @Size(max = 500) @Schema(description = "File column → field it fills (a field of the record, properties.<name> or <kind>ExternalId); columns left out are imported under their own name") Map<String, String> columns) {
}
