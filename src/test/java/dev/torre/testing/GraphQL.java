package dev.torre.testing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.restassured.response.ValidatableResponse;

/** Posts a GraphQL document with its variables to {@code /graphql}, as a given token. */
public final class GraphQL {

    /** Java class names, exception names and stack frames: what a message to a caller must never contain. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|\\b[a-z]+\\.[a-z]+\\.[A-Za-z.]*[A-Z]\\w+|\\bat [a-z]+\\.");

    private GraphQL() {
    }

    public static ValidatableResponse as(String token, String document, Map<String, ?> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        return Api.as(token).body(body).when().post("/graphql").then();
    }

    public static ValidatableResponse as(String token, String document) {
        return as(token, document, Map.of());
    }

    /** Asserts that the top-level field failed alone, with this code and a message in the caller's words. */
    public static ValidatableResponse expectError(ValidatableResponse response, String field, String code) {
        response.body("data." + field, nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].path[0]", equalTo(field))
                .body("errors[0].extensions.code", equalTo(code));
        String message = response.extract().path("errors[0].message");
        assertFalse(message == null || message.isBlank(), "an error without a message");
        assertFalse(INTERNALS.matcher(message).find(), "the message leaks Java internals: " + message);
        return response;
    }

    /**
     * The JSON body of a GraphQL-over-HTTP request for a test that sends it by hand (to choose its headers): the
     * document, then other members in pairs of name and value ({@code "operationName", "B", "variables", Map.of(...)}).
     */
    public static Map<String, Object> request(String document, Object... membersAndValues) {
        Map<String, Object> body = vars(membersAndValues);
        body.put("query", document);
        return body;
    }

    /** Variables that may hold nulls, which {@link Map#of} refuses: pairs of name and value. */
    public static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }
}
