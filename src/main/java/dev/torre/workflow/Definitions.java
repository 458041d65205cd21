package dev.torre.workflow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.feed.EventCatalog;
import dev.torre.platform.query.FieldType;
import dev.torre.segment.SegmentService;
import dev.torre.segment.SegmentView;

/**
 * Checks a workflow's trigger when it is defined: its type, the record type, conditions against that type's fields,
 * event types against the catalogue, segments, cron and durations; the steps are checked by {@link StepDefinitions}.
 * Every refusal names the JSON pointer of the offending value.
 */
@ApplicationScoped
class Definitions {

    static final List<String> TRIGGERS = List.of("record_changed", "event", "segment_entered", "segment_exited", "schedule", "date");
    static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Inject
    RecordTypes types;

    @Inject
    Conditions conditions;

    @Inject
    EventCatalog catalog;

    @Inject
    SegmentService segments;

    @Inject
    StepDefinitions steps;

    /** Checks trigger and steps; answers the record type runs of this workflow are about. */
    String check(JsonNode trigger, JsonNode stepList) {
        String recordType = checkTrigger(trigger);
        steps.check(stepList, "/steps", recordType, trigger);
        return recordType;
    }

    private String checkTrigger(JsonNode t) {
        if (!t.isObject()) {
            throw Invalid.at("/trigger", "invalid_value", "The trigger must be an object with a type");
        }
        String type = text(t, "/trigger", "type");
        allowOnly(t, "/trigger", switch (type) {
            case "record_changed" -> Set.of("type", "objectType", "condition");
            case "event" -> Set.of("type", "event", "filter");
            case "segment_entered", "segment_exited" -> Set.of("type", "segmentId");
            case "schedule" -> Set.of("type", "segmentId", "cron");
            case "date" -> Set.of("type", "objectType", "field", "offsetDays", "condition", "productCategory");
            default -> throw Invalid.at("/trigger/type", "unknown_type", "Unknown trigger type '" + type + "'; one of " + TRIGGERS);
        });
        switch (type) {
            case "record_changed" -> {
                String objectType = objectType(t);
                conditions.check("/trigger/condition", objectType, text(t, "/trigger", "condition"));
                return objectType;
            }
            case "event" -> {
                String event = text(t, "/trigger", "event");
                if (!catalog.knows(event)) {
                    throw Invalid.at("/trigger/event", "unknown_event", "No event type '" + event + "' exists");
                }
                String entity = event.substring(0, event.indexOf('.'));
                if (t.hasNonNull("filter")) {
                    if (RecordTypes.type(entity) == null) {
                        throw Invalid.at("/trigger/filter", "not_allowed", "Events of " + entity + " are not about a record a filter can read");
                    }
                    conditions.check("/trigger/filter", entity, text(t, "/trigger", "filter"));
                }
                // an event about anything else (an interaction, a consent decision) enrols the contact it names
                return RecordTypes.type(entity) != null ? entity : "contact";
            }
            case "segment_entered", "segment_exited", "schedule" -> {
                SegmentView segment = segment(t, "/trigger/segmentId");
                if ("schedule".equals(type)) {
                    String cron = text(t, "/trigger", "cron");
                    try {
                        CRON.parse(cron).validate();
                    } catch (IllegalArgumentException e) {
                        throw Invalid.at("/trigger/cron", "invalid_cron", "Not a five-field cron expression: " + e.getMessage());
                    }
                }
                return segment.objectType();
            }
            default -> {
                String objectType = objectType(t);
                String field = text(t, "/trigger", "field");
                boolean isDate = types.fields(objectType).field(field).map(f -> f.type() == FieldType.TIMESTAMP).orElse(false);
                if (!isDate) {
                    throw Invalid.at("/trigger/field", "unknown_field", "'" + field + "' is not a date field of " + objectType);
                }
                if (!t.path("offsetDays").isIntegralNumber() || Math.abs(t.path("offsetDays").asLong()) > 3650) {
                    throw Invalid.at("/trigger/offsetDays", "invalid_value", "offsetDays must be a whole number of days (negative: before)");
                }
                if (t.hasNonNull("condition")) {
                    conditions.check("/trigger/condition", objectType, text(t, "/trigger", "condition"));
                }
                if (t.hasNonNull("productCategory")) {
                    text(t, "/trigger", "productCategory");
                    if (!"order".equals(objectType)) {
                        throw Invalid.at("/trigger/productCategory", "not_allowed", "productCategory applies to orders only");
                    }
                }
                return objectType;
            }
        }
    }

    private String objectType(JsonNode t) {
        String objectType = text(t, "/trigger", "objectType");
        if (RecordTypes.type(objectType) == null) {
            throw Invalid.at("/trigger/objectType", "invalid_value", "objectType must be one of " + RecordTypes.TYPES.keySet());
        }
        return objectType;
    }

    /** The segment a pointer names; 400 (not 404) when there is none, since it is a value in the body. */
    SegmentView segment(JsonNode node, String pointer) {
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        UUID id = uuid(node, parent, field);
        try {
            return segments.get(id);
        } catch (TorreException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw Invalid.at(pointer, "not_found", "No segment has the id " + id);
            }
            throw e;
        }
    }

    static String text(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw Invalid.at(at + "/" + field, "required", field + " is required, as text");
        }
        if (value.asText().length() > 4000) {
            throw Invalid.at(at + "/" + field, "too_long", field + " is longer than 4000 characters");
        }
        return value.asText().trim();
    }

    static UUID uuid(JsonNode node, String at, String field) {
        try {
            return UUID.fromString(text(node, at, field));
        } catch (IllegalArgumentException e) {
            throw Invalid.at(at + "/" + field, "invalid_value", field + " must be an id");
        }
    }

    static Duration duration(JsonNode node, String at, String field) {
        try {
            Duration d = Duration.parse(text(node, at, field));
            if (d.isNegative()) {
                throw new DateTimeParseException("negative", d.toString(), 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw Invalid.at(at + "/" + field, "invalid_duration", field + " must be an ISO-8601 duration such as P3D or PT2H");
        }
    }

    /** Unknown members of a trigger or step are refused, as unknown JSON fields are everywhere else. */
    static void allowOnly(JsonNode node, String at, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Invalid.at(at + "/" + name, "unknown_field", "Unknown member '" + name + "'");
            }
        }
    }
}
