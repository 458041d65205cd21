package dev.torre.platform.security;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Bad input generated from the committed contract for every REST operation, so a new
 * endpoint is covered without anyone adding it here: malformed ids, query parameters of the
 * wrong type or out of range or oversized, an unknown query parameter, and bodies that are
 * not JSON, not an object, miss a required field, carry an unknown field, a value of the
 * wrong type, a string over its maxLength or a number out of its range. Each must answer
 * a 4xx problem document; none may answer a 5xx. (The suite's contract filter checks the
 * answers against the document too.)
 */
@QuarkusTest
class ContractBadInputTest {

    private static final Path CONTRACT = Path.of("openapi/openapi.yaml");
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any text parameter or field may be (filters: 4000), yet within the request line the server reads. */
    private static final String HUGE = "x".repeat(5_000);

    /** One generated request: what is wrong with it, and the parts that make it. */
    record BadRequest(String what, Map<String, String> pathValues, Map<String, String> query, String body) {
    }

    private final String owner = newTenant();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private JsonNode contract;
    private String portalToken;

    @TestFactory
    Stream<DynamicNode> everyOperationAnswersBadInputWithA4xxProblem() throws IOException {
        contract = new YAMLMapper().readTree(CONTRACT.toFile());
        OwnerRecords.seed(owner, ids);
        portalToken = admin(owner).when().post("/v1/contacts/" + ids.get("contacts") + "/portal-tokens")
                .then().statusCode(201).extract().path("token");
        List<DynamicNode> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(method -> {
                String name = method.getKey().toUpperCase() + " " + path.getKey();
                operations.add(DynamicContainer.dynamicContainer(name, badRequests(path.getKey(), method.getValue()).stream()
                        .map(bad -> DynamicTest.dynamicTest(bad.what(), () -> check(method.getKey(), path.getKey(), bad)))));
            });
        }
        assertTrue(operations.size() > 100, "the contract lists " + operations.size() + " operations");
        return operations.stream();
    }

    private List<BadRequest> badRequests(String path, JsonNode operation) {
        List<BadRequest> bad = new ArrayList<>();
        Map<String, String> valid = ownerValues(path);
        Matcher m = PARAM.matcher(path);
        while (m.find()) {
            if (OwnerRecords.IDS.contains(m.group(1))) {
                for (String id : List.of("not-an-id", "0", "'; select 1; --", HUGE.substring(0, 3000))) {
                    Map<String, String> values = new LinkedHashMap<>(valid);
                    values.put(m.group(1), id);
                    bad.add(new BadRequest("{" + m.group(1) + "} = " + abbreviate(id), values, Map.of(), body(operation, "{}")));
                }
            }
        }
        bad.add(new BadRequest("an unknown query parameter", valid, Map.of("noSuchParameter", "1"), body(operation, "{}")));
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            String name = parameter.path("name").asText();
            JsonNode schema = parameter.path("schema");
            String type = schema.path("type").asText();
            if (type.equals("integer") || type.equals("number")) {
                bad.add(new BadRequest(name + " not a number", valid, Map.of(name, "many"), body(operation, "{}")));
                bad.add(new BadRequest(name + " too large for any number", valid, Map.of(name, "99999999999999999999999"), body(operation, "{}")));
                if (schema.has("minimum")) {
                    bad.add(new BadRequest(name + " below its minimum", valid, Map.of(name, schema.get("minimum").decimalValue().subtract(java.math.BigDecimal.ONE).toPlainString()), body(operation, "{}")));
                }
                if (schema.has("maximum")) {
                    bad.add(new BadRequest(name + " above its maximum", valid, Map.of(name, schema.get("maximum").decimalValue().add(java.math.BigDecimal.ONE).toPlainString()), body(operation, "{}")));
                }
            } else if (type.equals("boolean")) {
                bad.add(new BadRequest(name + " not a boolean", valid, Map.of(name, "maybe"), body(operation, "{}")));
            } else if (name.equals("cursor") || name.equals("filter") || name.equals("sort")) {
                bad.add(new BadRequest(name + " garbled", valid, Map.of(name, "((\u0000 eq"), body(operation, "{}")));
                bad.add(new BadRequest(name + " oversized", valid, Map.of(name, HUGE), body(operation, "{}")));
            }
        }
        JsonNode schema = bodySchema(operation);
        if (schema != null) {
            bad.add(new BadRequest("a body that is not JSON", valid, Map.of(), "{\"broken\": "));
            bad.add(new BadRequest("a body that is a JSON array", valid, Map.of(), "[]"));
            bad.add(new BadRequest("a body that is a JSON number", valid, Map.of(), "42"));
            JsonNode properties = schema.path("properties");
            if (schema.path("required").size() > 0) {
                bad.add(new BadRequest("a body without its required fields", valid, Map.of(), "{}"));
            }
            if (properties.size() > 0 && !schema.has("additionalProperties")) {
                bad.add(new BadRequest("a body with an unknown field", valid, Map.of(), "{\"noSuchField\": 1}"));
            }
            properties.fields().forEachRemaining(property -> wrongValues(property.getValue()).forEach((what, value) -> {
                ObjectNode body = JSON.createObjectNode();
                body.set(property.getKey(), value);
                bad.add(new BadRequest(property.getKey() + " " + what, valid, Map.of(), body.toString()));
            }));
        }
        return bad;
    }

    /** Values that no property of this schema accepts, by what is wrong with them. */
    private Map<String, JsonNode> wrongValues(JsonNode property) {
        JsonNode schema = resolve(property);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        switch (schema.path("type").asText()) {
            case "string" -> {
                values.put("an object for a string", JSON.createObjectNode().put("a", 1));
                if (schema.has("maxLength")) {
                    values.put("over its maxLength", JSON.getNodeFactory().textNode("x".repeat(schema.get("maxLength").asInt() + 1)));
                }
                if (schema.has("enum") || "uuid".equals(schema.path("format").asText()) || "date-time".equals(schema.path("format").asText())) {
                    values.put("not one of its values", JSON.getNodeFactory().textNode("not-a-valid-value"));
                }
            }
            case "integer", "number" -> {
                values.put("a string for a number", JSON.getNodeFactory().textNode("many"));
                if (schema.has("minimum")) {
                    values.put("below its minimum", JSON.getNodeFactory().numberNode(schema.get("minimum").decimalValue().subtract(java.math.BigDecimal.ONE)));
                }
                if (schema.has("maximum")) {
                    values.put("above its maximum", JSON.getNodeFactory().numberNode(schema.get("maximum").decimalValue().add(java.math.BigDecimal.ONE)));
                }
            }
            case "boolean" -> values.put("a string for a boolean", JSON.getNodeFactory().textNode("maybe"));
            case "array" -> {
                values.put("a number for an array", JSON.getNodeFactory().numberNode(7));
                if (schema.has("maxItems") && schema.get("maxItems").asInt() <= 1000) {
                    var items = JSON.createArrayNode();
                    for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                        items.add(JSON.createObjectNode());
                    }
                    values.put("over its maxItems", items);
                }
            }
            case "object" -> {
                if (schema.has("properties")) {
                    values.put("a number for an object", JSON.getNodeFactory().numberNode(7));
                }
            }
            default -> {
            }
        }
        return values;
    }

    private void check(String method, String path, BadRequest bad) {
        String url = path;
        for (Map.Entry<String, String> v : bad.pathValues().entrySet()) {
            url = url.replace("{" + v.getKey() + "}", v.getValue());
        }
        RequestSpecification request = path.startsWith("/v1/me/") ? as(portalToken) : admin(owner);
        request = request.queryParams(bad.query());
        if (bad.body() != null) {
            request = request.body(bad.body());
        }
        Response response = request.when().request(method.toUpperCase(), url);
        String answer = method.toUpperCase() + " " + path + " with " + bad.what() + " answered " + response.statusCode() + ": "
                + abbreviate(response.asString());
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, answer);
        assertTrue(response.contentType().startsWith("application/problem+json"), answer);
        assertEquals(response.statusCode(), (int) response.path("status"), answer);
    }

    private String body(JsonNode operation, String body) {
        return bodySchema(operation) == null ? null : body;
    }

    private JsonNode bodySchema(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isMissingNode()) {
            return null;
        }
        JsonNode media = content.has("application/json") ? content.get("application/json") : content.elements().next();
        return resolve(media.path("schema"));
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return contract.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    /** Valid values for the path's parameters: the owner's records, or a fixed literal. */
    private Map<String, String> ownerValues(String path) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            String key = name.equals("id") ? path.substring("/v1/".length(), path.indexOf("{id}") - 1) : name;
            String value = OwnerRecords.IDS.contains(name) ? ids.get(key) : OwnerRecords.LITERALS.get(name);
            values.put(name, value == null ? java.util.UUID.randomUUID().toString() : value);
        }
        return values;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
