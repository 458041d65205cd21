package dev.torre.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The writable fields of an order, as a shop sends them. */
@Schema(name = "OrderInput", description = "An order as the shop sends it")
public record OrderInput(
        @Size(max = 200) @Schema(description = "The shop's order number, unique per tenant: the natural upsert key", examples = "#1001") String externalId,
        @Schema(description = "The buyer; or give email") UUID contactId,
        @Email @Size(max = 254) @Schema(description = "The buyer's email, matched to a contact; an unknown one creates the contact as a customer") String email,
        UUID companyId,
        @Schema(description = "pending (default), paid, fulfilled, cancelled or refunded") OrderStatus status,
        @NotNull @Schema(description = "ISO 4217 code", examples = "EUR") String currency,
        @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull Line> lines,
        @Size(max = 40) @Schema(description = "The shop's total; checked against the lines (422 when it differs)", examples = "39.80") String total,
        @Schema(description = "Defaults to now") Instant placedAt,
        @Size(max = 200) @Schema(description = "The shop's name; the source of contacts it creates", examples = "shopify") String source) {

    /** One line: a product by SKU or id, a quantity, a unit price (defaults to the product's) and a discount on the line. */
    @Schema(name = "OrderLineInput")
    public record Line(
            UUID productId,
            @Size(max = 100) String sku,
            @NotNull @Min(1) @Max(1_000_000) Integer quantity,
            @Size(max = 40) @Schema(description = "Defaults to the product's price", examples = "19.90") String unitPrice,
            @Size(max = 40) @Schema(description = "Taken off the line's amount; defaults to 0", examples = "0") String discount) {

        /** quantity × unit price − discount; only for normalised lines. */
        @JsonIgnore
        BigDecimal total() {
            return new BigDecimal(unitPrice).multiply(BigDecimal.valueOf(quantity)).subtract(new BigDecimal(discount));
        }
    }
}
