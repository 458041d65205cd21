package dev.torre.platform.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/**
 * A Torre error as GraphQL reports it: the message, and {@code extensions.code} plus field errors, and
 * {@code extensions.retryAfter} (seconds) where REST would send a Retry-After header.
 */
public class GraphQLProblem extends RuntimeException implements GraphQLError {

    private final transient Map<String, Object> extensions;

    public GraphQLProblem(TorreException e) {
        super(e.getMessage(), null, false, false);
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", codeOf(e.code()));
        if (!e.errors().isEmpty()) {
            // A JSON value, not a List: SmallRye writes any other extension value but a Map as its toString().
            JsonArrayBuilder errors = Json.createArrayBuilder();
            e.errors().forEach(f -> errors.add(Json.createObjectBuilder()
                    .add("field", f.field()).add("code", f.code()).add("message", f.message())));
            ext.put("errors", errors.build());
        }
        if (e instanceof dev.torre.platform.error.DuplicateFound found) {
            JsonArrayBuilder matches = Json.createArrayBuilder();
            found.matches().forEach(m -> matches.add(Json.createObjectBuilder().add("id", m.id().toString())
                    .add("signals", Json.createArrayBuilder(m.signals()))));
            ext.put("duplicates", matches.build());
        }
        String retryAfter = e.headers().get("Retry-After");
        if (retryAfter != null) {
            ext.put("retryAfter", Json.createValue(Integer.parseInt(retryAfter)));
        }
        this.extensions = ext;
    }

    /** GraphQL clients see one code for every kind of bad input; the field errors say which. */
    static String codeOf(ErrorCode code) {
        return switch (code) {
            case MALFORMED_REQUEST, INVALID_QUERY, VALIDATION -> "VALIDATION";
            default -> code.name();
        };
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return null;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
