package dev.torre.platform.rest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Says in the document what Jackson does on the wire: a field that is not required is
 * written as {@code null} when it has no value (Torre's mapper keeps nulls, and merge
 * patch reads a null as "remove"), so every such property is nullable. Required fields
 * stay as they are. A property that points at a shared schema cannot carry
 * {@code nullable} beside its {@code $ref} in OpenAPI 3.0, so a scalar (ids, instants,
 * enums, small objects) is copied in place with null allowed: the 3.0 writer turns
 * {@code anyOf} with null into {@code allOf} with nullable, which validators read wrongly. A record's
 * {@code id} is never null.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = -20)
public class NullableFields implements OASFilter {

    /** A record's own id is always there. */
    private static final String IDENTITY = "id";

    /** Schemas started, and those finished; one started but not finished refers to itself and keeps its $ref. */
    private final Set<Schema> done = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Schema> finished = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas != null) {
            done.clear();
            finished.clear();
            schemas.values().forEach(schema -> nullable(schema, schemas));
        }
    }

    /** Marks a schema's optional properties nullable, an object it copies in place first (so the copy carries its nulls). */
    private void nullable(Schema schema, Map<String, Schema> schemas) {
        if (schema.getProperties() == null || !done.add(schema)) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            if (!required.contains(name) && !IDENTITY.equals(name)) {
                schema.addProperty(name, orNull(property, schemas));
            }
        });
        finished.add(schema);
    }

    private Schema orNull(Schema property, Map<String, Schema> schemas) {
        if (property.getRef() != null) {
            Schema target = schemas.get(property.getRef().substring(property.getRef().lastIndexOf('/') + 1));
            if (target != null && scalar(target)) {
                Schema copy = OASFactory.createSchema().type(new ArrayList<>(target.getType())).format(target.getFormat())
                        .pattern(target.getPattern()).description(property.getDescription() != null ? property.getDescription() : target.getDescription());
                if (target.getEnumeration() != null) {
                    List<Object> values = new ArrayList<>(target.getEnumeration());
                    values.add(null);
                    copy.setEnumeration(values);
                }
                return copy.addType(Schema.SchemaType.NULL);
            }
            boolean recursive = target != null && done.contains(target) && !finished.contains(target);
            if (target != null && target.getProperties() != null && !recursive) {
                nullable(target, schemas);
                return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addType(Schema.SchemaType.NULL)
                        .description(property.getDescription() != null ? property.getDescription() : target.getDescription())
                        .properties(target.getProperties()).required(target.getRequired())
                        .additionalPropertiesSchema(target.getAdditionalPropertiesSchema());
            }
            return property;
        }
        if (property.getType() == null || property.getType().isEmpty()) {
            return property;
        }
        if (!property.getType().contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
            if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
                property.addEnumeration(null);
            }
        }
        return property;
    }

    private static boolean scalar(Schema schema) {
        return schema.getType() != null && schema.getType().size() == 1
                && schema.getType().getFirst() != Schema.SchemaType.OBJECT && schema.getType().getFirst() != Schema.SchemaType.ARRAY;
    }
}
