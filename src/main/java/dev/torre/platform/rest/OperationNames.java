package dev.torre.platform.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Names every operation from its method and path, so that generated clients read
 * {@code listContacts}, {@code createContact}, {@code getContact}, {@code updateContact},
 * {@code deleteContact}, {@code upsertContactsBatch}, {@code listContactTimeline},
 * {@code rotateWebhookSecret} — for endpoints written later too, without anyone
 * remembering to. A resource names an operation itself with
 * {@code @Operation(operationId = ...)} only where the rule reads badly. An operation
 * without a description gets its summary as one. Two operations with one name stop the
 * build, since clients would otherwise silently lose one.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = -10)
public class OperationNames implements OASFilter {

    /** A path's last word that is one of these is an action on what precedes it, not a collection (a GET only reads). */
    private static final Set<String> VERBS = Set.of("activate", "apply", "approve", "archive", "assign", "batch", "cancel",
            "clone", "close", "complete", "compute", "convert", "deactivate", "disable", "dry", "duplicate", "enable",
            "escalate", "evaluate", "execute", "export", "import", "lift", "merge", "move", "pause", "preview", "publish",
            "recompute", "refresh", "reject", "reopen", "replay", "reset", "resolve", "restore", "resume", "retry", "revoke",
            "rotate", "run", "schedule", "search", "send", "snooze", "start", "stop", "sync", "test", "train", "trigger",
            "unarchive", "unassign", "undo", "upsert", "validate", "verify");

    /** Words whose plural and singular are the same, or that are not plurals at all. */
    private static final Set<String> UNCOUNTED = Set.of("analytics", "nps", "settings", "status", "access", "news", "csat");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, String> taken = new HashMap<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getOperationId() == null) {
                operation.setOperationId(name(method, path, operation, openAPI));
            }
            String previous = taken.put(operation.getOperationId(), method + " " + path);
            if (previous != null) {
                throw new IllegalStateException("operationId '" + operation.getOperationId() + "' names both " + previous + " and "
                        + method + " " + path + "; give one an @Operation(operationId = ...)");
            }
            if (operation.getDescription() == null && operation.getSummary() != null) {
                operation.setDescription(operation.getSummary() + ".");
            }
        }));
    }

    /** The rule: actions by their verb, collections and records by the method. */
    static String name(PathItem.HttpMethod method, String path, Operation operation, OpenAPI openAPI) {
        List<String> segments = new ArrayList<>(List.of(path.replaceFirst("^/v\\d+/", "").split("/")));
        boolean identified = segments.getLast().startsWith("{");
        boolean action = method != PathItem.HttpMethod.GET && !identified && segments.size() > 1
                && VERBS.contains(words(segments.getLast()).getFirst());
        if (action) {
            return actionName(segments);
        }
        String noun = noun(segments, method == PathItem.HttpMethod.POST && !identified);
        return switch (method) {
            case GET -> (!identified && isList(operation, openAPI) ? "list" + noun(segments, false) : "get" + noun);
            case POST -> (identified ? "post" : "create") + noun;
            case PUT -> "set" + noun;
            case PATCH -> "update" + noun;
            case DELETE -> "delete" + noun;
            default -> method.name().toLowerCase(Locale.ROOT) + noun;
        };
    }

    /** {@code webhooks/{id}/rotate-secret} → rotateWebhookSecret; {@code contacts/batch/upsert} → upsertContactsBatch. */
    private static String actionName(List<String> segments) {
        List<String> verbWords = words(segments.getLast());
        List<String> before = segments.subList(0, segments.size() - 1);
        if ("batch".equals(verbWords.getFirst())) {
            return "upsert" + noun(before, false) + "Batch" + pascal(verbWords.subList(1, verbWords.size()));
        }
        return verbWords.getFirst() + noun(before, false) + pascal(verbWords.subList(1, verbWords.size()));
    }

    /**
     * The record a path names: each word followed by an id is singular, the last one
     * too when {@code singularLast} (a create names one record of the collection).
     */
    private static String noun(List<String> segments, boolean singularLast) {
        StringBuilder noun = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{")) {
                continue;
            }
            boolean identified = i + 1 < segments.size() && segments.get(i + 1).startsWith("{");
            boolean lastWord = segments.subList(i + 1, segments.size()).stream().allMatch(s -> s.startsWith("{"));
            List<String> words = words(segment);
            if ("me".equals(segment)) {
                words = List.of("my");
            } else if (identified || lastWord && singularLast) {
                words = new ArrayList<>(words);
                words.set(words.size() - 1, singular(words.getLast()));
            }
            noun.append(pascal(words));
        }
        return noun.toString();
    }

    /** A list answers a page (data and next) or an array. */
    private static boolean isList(Operation operation, OpenAPI openAPI) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok == null || ok.getContent() == null) {
            return false;
        }
        for (MediaType media : ok.getContent().getMediaTypes().values()) {
            Schema schema = media.getSchema();
            if (schema != null && schema.getRef() != null) {
                schema = openAPI.getComponents().getSchemas().get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
            }
            if (schema != null && (schema.getType() != null && schema.getType().contains(Schema.SchemaType.ARRAY)
                    || schema.getProperties() != null && schema.getProperties().containsKey("data") && schema.getProperties().containsKey("next"))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> words(String segment) {
        return List.of(segment.toLowerCase(Locale.ROOT).split("[-_.]"));
    }

    static String singular(String word) {
        if (UNCOUNTED.contains(word) || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) {
            return word;
        }
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("sses") || word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes")) {
            return word.substring(0, word.length() - 2);
        }
        return word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
    }

    private static String pascal(List<String> words) {
        StringBuilder out = new StringBuilder();
        words.stream().filter(w -> !w.isEmpty()).forEach(w -> out.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1)));
        return out.toString();
    }
}
