package dev.torre.transfer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.TenantEntity;

/**
 * Turns the rows of a file into the items of a batch upsert of one kind of record: CSV cells are typed by the
 * kind's input (a list column such as {@code tags} is split on {@code ;}), {@code properties.<name>} by the
 * tenant's property definitions, a dotted column such as {@code source.utmSource} builds the nested object,
 * and a link column {@code <kind>ExternalId} (e.g. {@code companyExternalId}) is resolved to {@code <kind>Id}
 * with one query per chunk. NDJSON rows are batch items already.
 */
final class ImportItems {

    private static final String EXTERNAL_ID = "ExternalId";

    /** One row's item, or its problems. */
    record Row(long line, ObjectNode item, List<FieldError> problems) {
    }

    private final ObjectMapper mapper;
    private final RecordKinds kinds;
    private final Map<String, JavaType> fields;
    private final Map<String, String> propertyTypes;

    ImportItems(ObjectMapper mapper, RecordKinds kinds, Class<?> inputType, Map<String, String> propertyTypes) {
        this.mapper = mapper;
        this.kinds = kinds;
        this.fields = fieldsOf(mapper, inputType);
        this.propertyTypes = propertyTypes;
    }

    /** The writable fields of an input record by name, as Jackson reads them. */
    static Map<String, JavaType> fieldsOf(ObjectMapper mapper, Class<?> inputType) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(mapper.constructType(inputType));
        Map<String, JavaType> fields = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : description.findProperties()) {
            fields.put(p.getName(), p.getPrimaryType());
        }
        return fields;
    }

    /** Refuses a header naming a column this kind has no field for, or lacking the column matched on; all at once. */
    void checkHeader(List<String> columns, String matchOn) {
        List<FieldError> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                problems.add(new FieldError(column, "duplicate", "The column '" + column + "' appears twice"));
            } else if (!known(column, matchOn)) {
                problems.add(new FieldError(column, "unknown_field", "No field '" + column + "'; columns name the fields of the record, "
                        + "properties.<name>, or <kind>ExternalId"));
            }
        }
        if (!seen.contains(matchOn)) {
            problems.add(new FieldError(matchOn, "required", "The rows are matched on '" + matchOn + "': the file needs that column"));
        }
        if (!problems.isEmpty()) {
            throw new TorreException(ErrorCode.VALIDATION, "The header row does not fit the records imported", problems);
        }
    }

    /** Whether a column of this name would fill a field (the record's own, properties.<name>, or a link). */
    boolean knows(String column) {
        return !column.equals("id") && known(column, "");
    }

    private boolean known(String column, String matchOn) {
        if (column.equals(matchOn) || (column.equals("id") && matchOn.equals("id"))) {
            return true;
        }
        String first = column.contains(".") ? column.substring(0, column.indexOf('.')) : column;
        if (fields.containsKey(first)) {
            return !column.contains(".") || !column.endsWith(".");
        }
        return linkedKind(column) != null;
    }

    /** The kind a link column points at ({@code companyExternalId}: company), when the input has its id field. */
    private String linkedKind(String column) {
        if (!column.endsWith(EXTERNAL_ID) || column.length() == EXTERNAL_ID.length()) {
            return null;
        }
        String kind = column.substring(0, column.length() - EXTERNAL_ID.length());
        return fields.containsKey(kind + "Id") && kinds.find(kind).filter(s -> s.uniqueKeys().containsKey("externalId")).isPresent()
                ? kind : null;
    }

    /** The chunk's rows as items: CSV rows typed and linked, NDJSON rows as they are. */
    List<Row> rows(JsonNode chunk, boolean csv) {
        List<Row> rows = new ArrayList<>(chunk.size());
        Map<String, Map<String, List<Row>>> links = new LinkedHashMap<>();
        for (JsonNode pair : chunk) {
            long line = pair.get(0).asLong();
            JsonNode row = pair.get(1);
            if (!row.isObject()) {
                rows.add(failed(line, null, "invalid_json", "The line is not a JSON object"));
            } else if (csv) {
                rows.add(typed(line, (ObjectNode) row, links));
            } else {
                rows.add(new Row(line, (ObjectNode) row, List.of()));
            }
        }
        links.forEach(this::resolve);
        return rows;
    }

    private Row typed(long line, ObjectNode cells, Map<String, Map<String, List<Row>>> links) {
        ObjectNode item = mapper.createObjectNode();
        List<FieldError> problems = new ArrayList<>();
        Row row = new Row(line, item, problems);
        cells.fields().forEachRemaining(cell -> {
            String column = cell.getKey();
            String text = SpreadsheetCells.restore(cell.getValue().asText().trim());
            if (column.equals(ImportUpload.EXTRA_CELLS)) {
                problems.add(new FieldError(null, "too_many_cells", "The row has " + text + " cells; the header names fewer columns"));
                return;
            }
            String kind = fields.containsKey(column) ? null : linkedKind(column);
            if (kind != null) {
                links.computeIfAbsent(kind, k -> new LinkedHashMap<>()).computeIfAbsent(text, t -> new ArrayList<>()).add(row);
                return;
            }
            String[] path = column.split("\\.");
            ObjectNode parent = item;
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.has(path[i]) && parent.get(path[i]).isObject() ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
            }
            parent.set(path[path.length - 1], value(path, text));
        });
        return row;
    }

    /** A cell as the JSON value its field expects; text that does not parse stays text, for the input's own check to name. */
    private JsonNode value(String[] path, String text) {
        String type;
        if (path.length == 2 && path[0].equals("properties")) {
            type = propertyTypes.getOrDefault(path[1], "string");
        } else if (path.length == 1) {
            JavaType field = fields.get(path[0]);
            type = field == null ? "string" : field.isCollectionLikeType() || field.isArrayType() ? "multi_enum"
                    : Number.class.isAssignableFrom(field.getRawClass()) || field.getRawClass() == int.class
                            || field.getRawClass() == long.class ? "number"
                    : field.getRawClass() == Boolean.class || field.getRawClass() == boolean.class ? "boolean" : "string";
        } else {
            type = "string";
        }
        switch (type) {
            case "multi_enum" -> {
                ArrayNode list = mapper.createArrayNode();
                for (String part : text.split(";")) {
                    if (!part.isBlank()) {
                        list.add(part.trim());
                    }
                }
                return list;
            }
            case "number" -> {
                try {
                    // as stored JSON reads back: whole numbers as integers, others as doubles (so a second import is unchanged)
                    BigDecimal number = new BigDecimal(text);
                    if (number.stripTrailingZeros().scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                        long whole = number.longValueExact();
                        return whole == (int) whole ? mapper.getNodeFactory().numberNode((int) whole) : mapper.getNodeFactory().numberNode(whole);
                    }
                    return mapper.getNodeFactory().numberNode(number.doubleValue());
                } catch (NumberFormatException | ArithmeticException e) {
                    return mapper.getNodeFactory().textNode(text);
                }
            }
            case "boolean" -> {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(text.toLowerCase()));
                }
                return mapper.getNodeFactory().textNode(text);
            }
            default -> {
                return mapper.getNodeFactory().textNode(text);
            }
        }
    }

    /** Sets {@code <kind>Id} on each row naming a known external id of that kind, and fails the others; one query. */
    private void resolve(String kind, Map<String, List<Row>> byExternalId) {
        RecordService<?, ?, ?> service = kinds.find(kind).orElseThrow();
        Map<Object, UUID> found = new LinkedHashMap<>();
        Collection<Object> wanted = new ArrayList<>(byExternalId.keySet());
        for (TenantEntity entity : service.findByKey("externalId", wanted)) {
            found.put(keyOf(service, entity), entity.id);
        }
        byExternalId.forEach((externalId, rows) -> {
            UUID id = found.get(externalId);
            for (Row row : rows) {
                if (id == null) {
                    row.problems().add(new FieldError(kind + EXTERNAL_ID, "not_found", "No " + kind + " with externalId '" + externalId + "'"));
                } else {
                    row.item().put(kind + "Id", id.toString());
                }
            }
        });
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object keyOf(RecordService service, TenantEntity entity) {
        return service.keyOf(entity, "externalId");
    }

    private static Row failed(long line, String field, String code, String message) {
        List<FieldError> problems = new ArrayList<>();
        problems.add(new FieldError(field, code, message));
        return new Row(line, null, problems);
    }
}
