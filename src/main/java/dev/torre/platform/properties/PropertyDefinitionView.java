package dev.torre.platform.properties;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The type and rules of one custom property of an object type.
 *
 * @param validation string: maxLength, pattern; number: min, max; enum and multi_enum: values
 * @param personal   the value is about the person (exported and erased with the contact)
 * @param sensitive  encrypted at rest, shown only to admins and the roles in readableBy, never filterable
 */
@Schema(name = "PropertyDefinition")
public record PropertyDefinitionView(UUID id, String objectType, String name,
        @Schema(enumeration = { "string", "number", "boolean", "date", "enum", "multi_enum" }) String type,
        Map<String, Object> validation, boolean personal, boolean sensitive, List<String> readableBy) {
}
