package dev.torre.platform.graphql;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.properties.PropertyDefinitions;
import dev.torre.platform.query.Filter;
import dev.torre.platform.query.ListRequest;

/**
 * Turns GraphQL arguments into what the services take from REST: a write input into a
 * JSON merge patch (absent = keep, listed in {@code clear} = set to null, custom
 * properties given as a JSON object text), and connection arguments into a list request.
 */
@ApplicationScoped
public class GraphQLInputs {

    @Inject
    ObjectMapper mapper;

    @Inject
    PropertyDefinitions definitions;

    public ObjectNode toPatch(Object write, List<String> clear) {
        ObjectNode patch = mapper.valueToTree(write);
        Set<String> known = new HashSet<>();
        patch.fieldNames().forEachRemaining(known::add);
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            if (fields.next().getValue().isNull()) {
                fields.remove();
            }
        }
        JsonNode properties = patch.remove("properties");
        if (properties != null) {
            patch.set("properties", parseObject(properties.asText()));
        }
        if (clear != null) {
            for (String name : clear) {
                if (!known.contains(name)) {
                    throw new TorreException(ErrorCode.VALIDATION, "clear names a field the input does not have",
                            List.of(new FieldError("clear", "unknown_field", "Unknown field '" + name + "'")));
                }
                patch.putNull(name);
            }
        }
        return patch;
    }

    public ListRequest listRequest(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        Filter tree = where == null ? null : where.toFilter();
        return new ListRequest(filter, tree, null, sort == null ? null : String.join(",", sort),
                first == null ? ListRequest.DEFAULT_LIMIT : first, after);
    }

    /**
     * An {@code ID} argument as the UUID it names. The GraphQL API takes ids as text because
     * SmallRye GraphQL cannot bind an {@code @Id UUID} argument (every such call failed).
     */
    public UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new TorreException(ErrorCode.VALIDATION, "The id is not one this API gave out",
                    List.of(new FieldError("id", "invalid_type", "Not an id of this API")));
        }
    }

    /** A record's custom properties as JSON text, as the caller may see them (the same rule as every REST answer). */
    public String properties(String objectType, UUID recordId, Map<String, Object> properties) {
        return json(definitions.visible(objectType, recordId, properties));
    }

    public String json(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parseObject(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new TorreException(ErrorCode.VALIDATION, "properties must be a JSON object written as text",
                List.of(new FieldError("properties", "invalid_type", "A JSON object, e.g. {\"plan\":\"pro\"}")));
    }
}
