package dev.torre.workflow;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.outreach.ConsentTerms;
import dev.torre.segment.SegmentView;

/**
 * Checks a list of steps: known types, their members, conditions against the run's record type, static segments of
 * the right type, templates' size, and the loop rule: an {@code update_record} step may not set a field that its own
 * {@code record_changed} trigger's condition reads (nor change a record whose {@code <type>.updated} event triggers it).
 */
@ApplicationScoped
class StepDefinitions {

    static final List<String> TYPES = List.of("create_task", "update_record", "move_deal_stage", "add_to_segment",
            "remove_from_segment", "send_message", "webhook", "wait", "branch", "exit");
    static final List<String> STAGES = List.of("subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist");
    static final int MAX_STEPS = 100;
    /** The channels an outbound interaction can record (push and postal have no interaction type). */
    static final List<String> CHANNELS = List.of("email", "sms", "whatsapp", "phone");

    @Inject
    RecordTypes types;

    @Inject
    dev.torre.platform.feed.EventCatalog catalog;

    @Inject
    Conditions conditions;

    @Inject
    Definitions definitions;

    @Inject
    dev.torre.team.TeamService teams;

    void check(JsonNode steps, String at, String recordType, JsonNode trigger) {
        if (!steps.isArray() || steps.size() > MAX_STEPS) {
            throw Invalid.at(at, "invalid_value", "steps must be a list of at most " + MAX_STEPS + " steps");
        }
        for (int i = 0; i < steps.size(); i++) {
            step(steps.get(i), at + "/" + i, recordType, trigger);
        }
    }

    private void step(JsonNode s, String at, String recordType, JsonNode trigger) {
        if (!s.isObject()) {
            throw Invalid.at(at, "invalid_value", "A step must be an object with a type");
        }
        String type = Definitions.text(s, at, "type");
        Definitions.allowOnly(s, at, switch (type) {
            case "create_task" -> Set.of("type", "title", "description", "due", "assignTo");
            case "update_record" -> Set.of("type", "target", "set");
            case "move_deal_stage" -> Set.of("type", "stageId");
            case "add_to_segment", "remove_from_segment" -> Set.of("type", "segmentId");
            case "send_message" -> Set.of("type", "channel", "purpose", "subject", "body");
            case "webhook" -> Set.of("type", "topic", "data");
            case "wait" -> Set.of("type", "duration", "untilField", "untilEvent", "timeout");
            case "branch" -> Set.of("type", "condition", "then", "else");
            case "exit" -> Set.of("type", "condition", "orderedCategory", "event");
            default -> throw Invalid.at(at + "/type", "unknown_type", "Unknown step type '" + type + "'; one of " + TYPES);
        });
        switch (type) {
            case "create_task" -> {
                Definitions.text(s, at, "title");
                if (s.has("due")) {
                    Definitions.duration(s, at, "due");
                }
                JsonNode to = s.path("assignTo");
                boolean valid = to.isMissingNode() || "owner".equals(to.asText(null))
                        || to.isObject() && to.size() == 1 && (to.path("user").isTextual() && !to.path("user").asText().isBlank()
                                || to.path("team").isTextual()
                                || to.path("roundRobin").isArray() && !to.path("roundRobin").isEmpty() && allText(to.path("roundRobin")));
                if (!valid) {
                    throw Invalid.at(at + "/assignTo", "invalid_value",
                            "assignTo is \"owner\", {\"user\": id}, {\"team\": teamId} or {\"roundRobin\": [ids]}");
                }
                if (to.has("team") && !teams.exists(Definitions.uuid(to, at + "/assignTo", "team"))) {
                    throw Invalid.at(at + "/assignTo/team", "not_found", "No active team has the id " + to.path("team").asText());
                }
            }
            case "update_record" -> updateRecord(s, at, recordType, trigger);
            case "move_deal_stage" -> {
                requireType(at, recordType, "deal");
                Definitions.uuid(s, at, "stageId");
            }
            case "add_to_segment", "remove_from_segment" -> {
                SegmentView segment = definitions.segment(s, at + "/segmentId");
                if (!"static".equals(segment.kind())) {
                    throw Invalid.at(at + "/segmentId", "not_static", "Only static segments take members by hand");
                }
                if (!segment.objectType().equals(recordType) && !("contact".equals(segment.objectType())
                        && RecordTypes.type(recordType) != null && RecordTypes.type(recordType).contactSql() != null)) {
                    throw Invalid.at(at + "/segmentId", "wrong_type", "The segment holds " + segment.objectType() + " records");
                }
            }
            case "send_message" -> {
                if (RecordTypes.type(recordType) == null || RecordTypes.type(recordType).contactSql() == null) {
                    throw Invalid.at(at, "no_contact", "Runs about " + recordType + " records have no contact to write to");
                }
                oneOf(s, at, "channel", CHANNELS);
                oneOf(s, at, "purpose", ConsentTerms.PURPOSES);
                Definitions.text(s, at, "body");
            }
            case "webhook" -> Definitions.text(s, at, "topic");
            case "wait" -> wait(s, at, recordType);
            case "branch" -> {
                conditions.check(at + "/condition", recordType, Definitions.text(s, at, "condition"));
                check(s.path("then"), at + "/then", recordType, trigger);
                if (s.has("else")) {
                    check(s.get("else"), at + "/else", recordType, trigger);
                }
            }
            default -> {
                if (!s.has("condition") && !s.has("orderedCategory") && !s.has("event")) {
                    throw Invalid.at(at, "required", "exit needs a goal: condition, orderedCategory or event");
                }
                if (s.has("condition")) {
                    conditions.check(at + "/condition", recordType, Definitions.text(s, at, "condition"));
                }
                if (s.has("orderedCategory")) {
                    Definitions.text(s, at, "orderedCategory");
                }
                if (s.has("event")) {
                    eventWait(s.get("event"), at + "/event");
                }
            }
        }
    }

    private void updateRecord(JsonNode s, String at, String recordType, JsonNode trigger) {
        String target = s.path("target").asText("record");
        if (!Set.of("record", "contact").contains(target)) {
            throw Invalid.at(at + "/target", "invalid_value", "target is record (default) or contact");
        }
        String written = "contact".equals(target) ? "contact" : recordType;
        if (RecordTypes.type(written) == null || "contact".equals(target) && RecordTypes.type(recordType).contactSql() == null) {
            throw Invalid.at(at + "/target", "invalid_value", "Runs about " + recordType + " records have no such record to change");
        }
        JsonNode set = s.path("set");
        if (!set.isObject() || set.isEmpty()) {
            throw Invalid.at(at + "/set", "required", "set names the fields to write and their values");
        }
        for (Iterator<String> names = set.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (types.fields(written).field(field).isEmpty() && !"properties".equals(field)) {
                throw Invalid.at(at + "/set/" + field, "unknown_field", "No field '" + field + "' on " + written);
            }
            if ("lifecycleStage".equals(field) && !STAGES.contains(set.get(field).asText())) {
                throw Invalid.at(at + "/set/lifecycleStage", "invalid_value", "lifecycleStage is one of " + STAGES);
            }
            if (loops(trigger, written, field)) {
                throw Invalid.at(at + "/set/" + field, "loop", "This step would change '" + field + "', which its own trigger"
                        + " watches: the workflow could re-trigger itself endlessly");
            }
        }
    }

    /** Whether writing this field of this record type can fire the workflow's own trigger again. */
    private static boolean loops(JsonNode trigger, String written, String field) {
        String type = trigger.path("type").asText();
        if ("record_changed".equals(type) && written.equals(trigger.path("objectType").asText())) {
            return Conditions.fieldsOf(trigger.path("condition").asText()).stream()
                    .anyMatch(f -> f.equals(field) || f.startsWith(field + "."));
        }
        return "event".equals(type) && Set.of(written + ".updated", written + ".*").contains(trigger.path("event").asText());
    }

    private void wait(JsonNode s, String at, String recordType) {
        int kinds = (s.has("duration") ? 1 : 0) + (s.has("untilField") ? 1 : 0) + (s.has("untilEvent") ? 1 : 0);
        if (kinds != 1) {
            throw Invalid.at(at, "invalid_value", "wait needs exactly one of duration, untilField or untilEvent");
        }
        if (s.has("duration")) {
            Definitions.duration(s, at, "duration");
        } else if (s.has("untilField")) {
            String field = Definitions.text(s, at, "untilField");
            boolean isDate = types.fields(recordType).field(field)
                    .map(f -> f.type() == dev.torre.platform.query.FieldType.TIMESTAMP).orElse(false);
            if (!isDate) {
                throw Invalid.at(at + "/untilField", "unknown_field", "'" + field + "' is not a date field of " + recordType);
            }
        } else {
            eventWait(s.get("untilEvent"), at + "/untilEvent");
            Definitions.duration(s, at, "timeout");
        }
    }

    private void eventWait(JsonNode e, String at) {
        if (!e.isObject()) {
            throw Invalid.at(at, "invalid_value", "An event condition is {\"type\": event type, \"match\": {field: value}}");
        }
        Definitions.allowOnly(e, at, Set.of("type", "match"));
        String type = Definitions.text(e, at, "type");
        if (!catalog.knows(type)) {
            throw Invalid.at(at + "/type", "unknown_event", "No event type '" + type + "' exists");
        }
        if (e.has("match") && (!e.get("match").isObject() || !allScalar(e.get("match")))) {
            throw Invalid.at(at + "/match", "invalid_value", "match is an object of field names and plain values (or lists of them: any of)");
        }
    }

    private static void requireType(String at, String recordType, String wanted) {
        if (!wanted.equals(recordType)) {
            throw Invalid.at(at + "/type", "wrong_record", "This step needs runs about a " + wanted + ", not a " + recordType);
        }
    }

    private static void oneOf(JsonNode s, String at, String field, List<String> allowed) {
        if (!allowed.contains(Definitions.text(s, at, field))) {
            throw Invalid.at(at + "/" + field, "invalid_value", field + " is one of " + allowed);
        }
    }

    private static boolean allText(JsonNode list) {
        for (JsonNode n : list) {
            if (!n.isTextual() || n.asText().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Plain values, or non-empty lists of plain values (any of them matches). */
    private static boolean allScalar(JsonNode object) {
        for (JsonNode n : object) {
            if (n.isObject() || n.isArray() && (n.isEmpty() || !allPlain(n))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allPlain(JsonNode list) {
        for (JsonNode n : list) {
            if (n.isContainerNode()) {
                return false;
            }
        }
        return true;
    }
}
