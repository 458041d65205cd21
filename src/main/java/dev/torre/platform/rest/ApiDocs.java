package dev.torre.platform.rest;

import dev.torre.platform.query.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Completes the OpenAPI document with what every operation shares: the problem document
 * and the error answers each kind of operation can give, with an example of each, so
 * that the contract shows the failures as precisely as the successes.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocs implements OASFilter {

    private static final String PROBLEM = "#/components/schemas/Problem";

    /** The shared parameters, described once: name → (description, example). */
    private static final Map<String, String[]> PARAMETERS = Map.of(
            "filter", new String[] { "SCIM filter (RFC 7644): eq ne co sw ew gt ge lt le pr, and or not, parentheses; custom fields as properties.<name>",
                    "lifecycleStage eq \"lead\" and (properties.seats ge 10 or email ew \"@acme.es\")" },
            "sort", new String[] { "Comma-separated sort keys, '-' for descending; ties are broken by id", "-updatedAt,lastName" },
            "limit", new String[] { "Page size: 1 to 200 for lists (default 50), 1 to 1000 for the event feed (default 100)", "50" },
            "cursor", new String[] { "The 'next' value of the previous page, with the same filter and sort", null },
            "Idempotency-Key", new String[] { "Makes the POST safe to retry for 24 hours: a repeat with the same body gets the first answer",
                    "3f0c2a9e-5d1b-4e8f-a7c6-2b9d0e1f4a35" },
            "If-Match", new String[] { "Apply only if the record is still at this ETag; otherwise 412", "\"3\"" },
            "If-None-Match", new String[] { "Answer 304 without a body if the record is still at this ETag", "\"3\"" });

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            describeParameters(operation);
            add(operation, "400", "Bad input: malformed JSON, an unknown field or parameter, a value out of range, an invalid filter, sort or cursor",
                    example(400, "validation", "Invalid input", "Invalid value for: email", "email", "invalid_email", "must be a well-formed email address"));
            add(operation, "401", "No bearer token, or one that is expired, badly signed or without a tenant",
                    example(401, "unauthenticated", "Authentication required", "A valid bearer token is required", null, null, null));
            add(operation, "403", "The token's role or scopes do not allow this operation",
                    example(403, "forbidden", "Forbidden", "Your role does not allow 'contacts:write'", null, null, null));
            add(operation, "404", path.contains("{") ? "No such record for your tenant (another tenant's record looks the same)"
                    : "A record named in the query or body does not exist for your tenant",
                    example(404, "not-found", "Not found", "Contact 01933b6e-8f4a-7c1e-9d2b-4a5f6e7d8c9b not found", null, null, null));
            if (!path.endsWith("/search")) {
                add(operation, "409", "A unique field (email, domain, externalId) is used by another record, or the record is archived, still in use or not in a state that allows this",
                        example(409, "conflict", "Conflict", "Another record already has this email", "email", "duplicate", "Already used by another record"));
            }
            if (method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.PUT || takes(operation, "If-Match")) {
                add(operation, "412", "If-Match names a version that is no longer current",
                        example(412, "precondition-failed", "Precondition failed", "The contact is at version 3, not 2; read it again and retry", null, null, null));
            }
            if (method == PathItem.HttpMethod.POST && !path.endsWith("/search") && !path.endsWith("/restore")) {
                add(operation, "422", "The Idempotency-Key was already used with a different request",
                        example(422, "idempotency-key-reused", "Idempotency key reused", "This Idempotency-Key was used with a different request; use a new key for a new request", null, null, null));
            }
            add(operation, "500", "An unexpected failure; logged on the server, answered without internals",
                    example(500, "internal", "Internal error", "Something went wrong on our side; it has been logged", null, null, null));
            Statuses.complete(operation);
        }));
        Statuses.declare(openAPI);
    }

    private static boolean takes(Operation operation, String parameter) {
        return operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> parameter.equals(p.getName()));
    }

    private static void describeParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        operation.getParameters().forEach(parameter -> {
            if ("limit".equals(parameter.getName())) {
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(1000)));
            }
            String[] doc = PARAMETERS.get(parameter.getName());
            if (doc != null && parameter.getDescription() == null) {
                parameter.setDescription(doc[0]);
                if (doc[1] != null) {
                    parameter.setExample("limit".equals(parameter.getName()) ? Integer.valueOf(doc[1]) : doc[1]);
                }
            }
        });
    }

    private static void add(Operation operation, String status, String description, Map<String, Object> example) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)).example(example)));
        operation.getResponses().addAPIResponse(status, response);
    }

    /** An example problem; insertion-ordered so the generated document is the same on every build. */
    private static Map<String, Object> example(int status, String slug, String title, String detail, String field, String code,
            String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "/problems/" + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", "/v1/contacts");
        if (field != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", field);
            error.put("code", code);
            error.put("message", message);
            problem.put("errors", List.of(error));
        }
        return problem;
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("code", text).addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem document")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("A URI reference naming the kind of problem"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What went wrong, in the caller's terms"))
                .addProperty("instance", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("One entry per refused field"))
                .addProperty("duplicates", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("DuplicateMatch"))
                        .description("For a create refused as a likely duplicate (onDuplicate): the stored records it looks like, with the signals that matched"));
    }
}
