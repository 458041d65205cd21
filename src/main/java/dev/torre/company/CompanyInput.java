package dev.torre.company;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a company. */
@Schema(name = "CompanyInput", description = "The writable fields of a company")
public record CompanyInput(
        @NotBlank @Size(max = 200) @Schema(examples = "Acme Ibérica") String name,
        @Size(max = 253) @Pattern(regexp = "^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$",
                message = "must be a domain name such as acme.es") @Schema(description = "Stored lower-case; unique among the tenant's active companies", examples = "acme.es") String domain,
        @Size(max = 100) String industry,
        @Pattern(regexp = "1-10|11-50|51-200|201-1000|1001-5000|5001\\+", message = "must be one of 1-10, 11-50, 51-200, 201-1000, 1001-5000, 5001+")
        @Schema(description = "Head-count band", examples = "51-200") String sizeBand,
        @Pattern(regexp = "standard|silver|gold|platinum", message = "must be one of standard, silver, gold, platinum")
        @Schema(description = "Service tier, used to prioritise tickets", examples = "gold") String tier,
        @Size(max = 200) @Schema(description = "The caller's own key, unique per tenant") String externalId,
        @Schema(description = "Custom fields: a JSON object of up to 100 keys") Map<String, Object> properties) {

    /** The same input with these custom properties (as they will be stored: sensitive ones sealed). */
    public CompanyInput withProperties(Map<String, Object> properties) {
        return new CompanyInput(name, domain, industry, sizeBand, tier, externalId, properties);
    }

}
