package dev.torre.platform.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes each resource's own words into the documentation {@link RecordResource} shares.
 * A shared operation says which one it is ({@link #OPERATION}: create, read, change,
 * archive, restore, list, search, batch) and uses {@code {a}}, {@code {one}} and
 * {@code {many}}; the resource's tag names its record ({@link #ONE}, {@link #MANY}) and may
 * replace an operation's description with an extension named {@code x-<operation>}, its
 * summary with {@code x-<operation>-summary}.
 * A create answers 201, not the 200 its return type suggests. None of these extensions
 * stays in the document. Tags are found by name, so a tag names one record only.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RecordDocs implements OASFilter {

    /** On a resource's tag: its record, singular and plural ("product", "products"). */
    public static final String ONE = "x-one";
    public static final String MANY = "x-many";

    /** On a shared operation: which one it is. */
    static final String OPERATION = "x-operation";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Map<String, Object>> records = new HashMap<>();
        if (openAPI.getTags() != null) {
            for (Tag tag : openAPI.getTags()) {
                if (tag.getExtensions() != null && tag.getExtensions().containsKey(ONE)) {
                    records.put(tag.getName(), Map.copyOf(tag.getExtensions()));
                    tag.setExtensions(null);
                }
            }
        }
        openAPI.getPaths().getPathItems().values()
                .forEach(item -> item.getOperations().values().forEach(operation -> describe(operation, records)));
    }

    private static void describe(Operation operation, Map<String, Map<String, Object>> records) {
        if (operation.getExtensions() == null || !operation.getExtensions().containsKey(OPERATION)) {
            return;
        }
        String kind = String.valueOf(operation.getExtensions().get(OPERATION));
        operation.setExtensions(null);
        Map<String, Object> record = records.get(operation.getTags().getFirst());
        if (record == null) {
            throw new IllegalStateException("The tag of '" + operation.getSummary() + "' does not name its record (" + ONE + ", " + MANY + ")");
        }
        String one = String.valueOf(record.get(ONE));
        String many = String.valueOf(record.get(MANY));
        String a = ("aeiou".indexOf(one.charAt(0)) >= 0 ? "an " : "a ") + one;
        UnaryOperator<String> named = text -> text == null ? null : text.replace("{a}", a).replace("{one}", one).replace("{many}", many);
        Object own = record.get("x-" + kind);
        Object ownSummary = record.get("x-" + kind + "-summary");
        operation.setSummary(ownSummary != null ? ownSummary.toString() : named.apply(operation.getSummary()));
        operation.setDescription(own != null ? own.toString() : named.apply(operation.getDescription()));
        if ("create".equals(kind)) {
            created(operation);
        }
    }

    /** Renames the typed 200 answer to the 201 a create gives, keeping it first. */
    private static void created(Operation operation) {
        APIResponses responses = OASFactory.createAPIResponses();
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if ("200".equals(status)) {
                responses.addAPIResponse("201", response.description("Created; Location and ETag headers are set"));
            } else {
                responses.addAPIResponse(status, response);
            }
        });
        operation.setResponses(responses);
    }
}
