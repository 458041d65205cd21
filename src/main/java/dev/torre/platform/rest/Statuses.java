package dev.torre.platform.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The answers any operation can give beyond its own: 304 where it takes If-None-Match,
 * 406, 413 and 415 from content negotiation, 414 and 431 from the request size limits,
 * 429 from the rate limits and 503 from
 * statement bounds, each a shared response; and the headers the server sets
 * (ETag, Location, RateLimit-*, Retry-After), so that a validating client accepts what
 * the server really sends.
 */
final class Statuses {

    private static final String PROBLEM = "#/components/schemas/Problem";

    private Statuses() {
    }

    static void declare(OpenAPI openAPI) {
        openAPI.getComponents()
                .addHeader("ETag", header("The record's version, for If-Match and If-None-Match", Schema.SchemaType.STRING))
                .addHeader("Location", header("Where the created record can be read", Schema.SchemaType.STRING))
                .addHeader("RateLimit-Limit", header("Requests allowed in the current window", Schema.SchemaType.INTEGER))
                .addHeader("RateLimit-Remaining", header("Requests left in the current window", Schema.SchemaType.INTEGER))
                .addHeader("Retry-After", header("Seconds to wait before trying again", Schema.SchemaType.INTEGER));
        openAPI.getComponents()
                .addResponse("NotModified", OASFactory.createAPIResponse()
                        .description("Not modified: the record is still at the If-None-Match version; no body")
                        .addHeader("ETag", ref("ETag")))
                .addResponse("NotAcceptable", problem("The Accept header allows neither application/json nor application/problem+json"))
                .addResponse("PayloadTooLarge", problem("The body is larger than the operation accepts: 1 MB, or 8 MB for batches and import files"))
                .addResponse("UriTooLong", problem("The request line is longer than the server accepts; send long filters with POST .../search"))
                .addResponse("HeadersTooLarge", problem("The request headers are larger than the server accepts"))
                .addResponse("UnsupportedMediaType", problem("The body is not application/json (or application/merge-patch+json for a change)"))
                .addResponse("TooManyRequests", problem("Past the tenant's or caller's rate, or bulk reads blocked; retry after Retry-After seconds")
                        .addHeader("Retry-After", ref("Retry-After")))
                .addResponse("Unavailable", problem("A statement ran past its time bound, or a dependency is down; retry after Retry-After seconds")
                        .addHeader("Retry-After", ref("Retry-After")));
    }

    static void complete(Operation operation) {
        boolean versioned = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "If-None-Match".equals(p.getName()) || "If-Match".equals(p.getName()));
        boolean conditional = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "If-None-Match".equals(p.getName()));
        for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
            if (answer.getKey().startsWith("2")) {
                APIResponse response = answer.getValue();
                response.addHeader("RateLimit-Limit", ref("RateLimit-Limit")).addHeader("RateLimit-Remaining", ref("RateLimit-Remaining"));
                if (versioned || "201".equals(answer.getKey())) {
                    response.addHeader("ETag", ref("ETag"));
                }
                if ("201".equals(answer.getKey())) {
                    response.addHeader("Location", ref("Location"));
                }
            }
        }
        for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
            APIResponse response = answer.getValue();
            if (answer.getKey().compareTo("400") >= 0 && response.getRef() == null && response.getContent() == null) {
                response.setContent(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
            }
        }
        if (conditional) {
            shared(operation, "304", "NotModified");
        }
        shared(operation, "406", "NotAcceptable");
        if (operation.getRequestBody() != null) {
            shared(operation, "413", "PayloadTooLarge");
            shared(operation, "415", "UnsupportedMediaType");
        }
        shared(operation, "414", "UriTooLong");
        shared(operation, "429", "TooManyRequests");
        shared(operation, "431", "HeadersTooLarge");
        shared(operation, "503", "Unavailable");
    }

    private static void shared(Operation operation, String status, String name) {
        if (!operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/problem+json", OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
    }

    private static Header header(String description, Schema.SchemaType type) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(type));
    }

    private static Header ref(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }
}
