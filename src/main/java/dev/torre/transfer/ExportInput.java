package dev.torre.transfer;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /v1/exports}. */
@Schema(name = "ExportInput")
public record ExportInput(
        @NotBlank @Schema(description = "contact, company, deal, product or order") String objectType,
        @Size(max = 4000) @Schema(description = "The list filter (SCIM grammar) that selects the records; none: all of them",
                examples = "lifecycleStage eq \"customer\"") String filter,
        @Size(max = 200) @Schema(description = "The fields to write, in order (dotted for nested ones: properties.vip, source.utmSource); none: every field you may see")
        List<@NotBlank @Size(max = 100) String> fields,
        @Schema(enumeration = { "csv", "ndjson" }, description = "Defaults to csv") String format) {
}
