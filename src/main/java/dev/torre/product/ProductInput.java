package dev.torre.product;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a product. */
@Schema(name = "ProductInput", description = "The writable fields of a product")
public record ProductInput(
        @NotBlank @Size(max = 100) @Schema(description = "Unique among the tenant's active products", examples = "TSHIRT-RED-M") String sku,
        @NotBlank @Size(max = 300) @Schema(examples = "Red T-shirt, M") String name,
        @NotNull @Size(max = 40) @Schema(description = "A decimal string with no more decimals than the currency's minor unit (2 for EUR, 0 for JPY)", examples = "19.90") String price,
        @NotNull @Schema(description = "ISO 4217 code", examples = "EUR") String currency,
        @Size(max = 200) String category,
        @Schema(description = "Defaults to true") Boolean active,
        @Size(max = 200) @Schema(description = "The caller's own key, unique per tenant") String externalId) {
}
