package dev.torre.platform.properties;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new custom property definition. */
@Schema(name = "PropertyDefinitionInput")
public record PropertyDefinitionInput(@NotNull @Schema(examples = "contact") String objectType,
        @NotNull @Schema(examples = "taxId") String name,
        @NotNull @Schema(examples = "string") String type,
        Map<String, Object> validation, Boolean personal, Boolean sensitive, @Size(max = 10) List<String> readableBy) {
}
