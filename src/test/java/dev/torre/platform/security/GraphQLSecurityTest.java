package dev.torre.platform.security;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The security promises checked on every query and mutation field the server's own schema
 * lists (read by introspection, so a new field is covered without anyone adding it here): a
 * token narrowed to an unrelated scope gets FORBIDDEN and no data, a preference-portal token
 * never reaches GraphQL, and another tenant's ids look exactly like ids that do not exist.
 */
@QuarkusTest
class GraphQLSecurityTest {

    /**
     * One root type's fields (asked once per root type: the server refuses introspection that repeats
     * {@code fields}); two levels of ofType cover the arguments and results of root fields and keep
     * within the depth limit.
     */
    private static final String INTROSPECTION = """
            { __schema { %sType { fields { name args { name type { kind name ofType { kind name ofType { kind name } } } }
                                           type { kind name ofType { kind name ofType { kind name } } } } } } }
            """;

    /** A root field: query or mutation, its name, its arguments (name → GraphQL type) and whether it returns an object. */
    record Field(String operation, String name, Map<String, String> args, boolean object) {
        @Override
        public String toString() {
            return operation + " " + name;
        }
    }

    private final String owner = newTenant();
    private final String intruder = newTenant();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final List<Field> fields = new ArrayList<>();

    /** Reads the schema and seeds the owner; called first by each factory, where REST Assured knows the server's port. */
    private void readTheSchemaAndSeedTheOwner() {
        for (String operation : List.of("query", "mutation")) {
            JsonPath schema = post(Tokens.admin(owner), INTROSPECTION.formatted(operation), Map.of()).jsonPath();
            assertNotNull(schema.get("data.__schema"), "introspection failed: " + schema.prettify());
            List<Map<String, Object>> list = schema.getList("data.__schema." + operation + "Type.fields");
            for (Map<String, Object> f : list) {
                Map<String, String> args = new LinkedHashMap<>();
                for (Object a : (List<?>) f.get("args")) {
                    Map<?, ?> arg = (Map<?, ?>) a;
                    args.put((String) arg.get("name"), typeName((Map<?, ?>) arg.get("type")));
                }
                fields.add(new Field(operation, (String) f.get("name"), args, returnsObject((Map<?, ?>) f.get("type"))));
            }
        }
        assertTrue(fields.size() > 40, "introspection found " + fields.size() + " root fields");
        OwnerRecords.seed(owner, ids);
    }

    @TestFactory
    Stream<DynamicTest> aTokenNarrowedToAnUnrelatedScopeGetsNoData() {
        readTheSchemaAndSeedTheOwner();
        String narrow = Tokens.of(owner, "admin", "nothing:read");
        return fields.stream().map(field -> DynamicTest.dynamicTest(field.toString(), () -> {
            JsonPath answer = post(narrow, document(field), variables(field, false)).jsonPath();
            assertNull(answer.get("data." + field.name()), field + " returned data: " + answer.prettify());
            if (answer.get("data") == null && "ValidationError".equals(answer.getString("errors[0].extensions.classification"))) {
                return; // the document itself is invalid (a required input field missing): refused before any field runs
            }
            assertEquals("FORBIDDEN", answer.getString("errors[0].extensions.code"), answer.prettify());
        }));
    }

    @TestFactory
    Stream<DynamicTest> aPortalTokenNeverReachesGraphQL() {
        readTheSchemaAndSeedTheOwner();
        String portal = admin(owner).when().post("/v1/contacts/" + ids.get("contacts") + "/portal-tokens")
                .then().statusCode(201).extract().path("token");
        return fields.stream().map(field -> DynamicTest.dynamicTest(field.toString(), () -> {
            Response response = post(portal, document(field), variables(field, false));
            assertEquals(403, response.statusCode(), response.asString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> anotherTenantsIdsLookLikeNoRecord() {
        readTheSchemaAndSeedTheOwner();
        return fields.stream().filter(f -> f.args().values().stream().anyMatch(t -> t.startsWith("ID")))
                .map(field -> DynamicTest.dynamicTest(field.toString(), () -> {
                    JsonPath foreign = post(Tokens.admin(intruder), document(field), variables(field, true)).jsonPath();
                    JsonPath missing = post(Tokens.admin(intruder), document(field), variables(field, false)).jsonPath();
                    assertNull(foreign.get("data." + field.name()), field + " gave another tenant data: " + foreign.prettify());
                    assertNotNull(foreign.get("errors"), field + " answered another tenant without an error: " + foreign.prettify());
                    assertEquals(missing.getString("errors[0].extensions.code"), foreign.getString("errors[0].extensions.code"),
                            field + ": another tenant's id answers differently from a missing one: " + foreign.prettify());
                }));
    }

    private static String document(Field field) {
        StringBuilder declared = new StringBuilder();
        StringBuilder passed = new StringBuilder();
        field.args().forEach((name, type) -> {
            if (type.endsWith("!")) {
                declared.append(declared.isEmpty() ? "" : ", ").append('$').append(name).append(": ").append(type);
                passed.append(passed.isEmpty() ? "" : ", ").append(name).append(": $").append(name);
            }
        });
        return field.operation() + (declared.isEmpty() ? "" : "(" + declared + ")") + " { " + field.name()
                + (passed.isEmpty() ? "" : "(" + passed + ")") + (field.object() ? " { __typename }" : "") + " }";
    }

    /** Values for the required arguments: the owner's ids when asked, random ids otherwise, and plausible scalars. */
    private Map<String, Object> variables(Field field, boolean ownersIds) {
        Map<String, Object> values = new HashMap<>();
        field.args().forEach((name, type) -> {
            if (!type.endsWith("!")) {
                return;
            }
            String base = type.substring(0, type.length() - 1);
            values.put(name, switch (base) {
                case "ID" -> ownersIds ? ownerId(field, name) : UUID.randomUUID().toString();
                case "String" -> OwnerRecords.LITERALS.getOrDefault(name, name.equals("channel") ? "email" : "x");
                case "Int" -> 3;
                case "Boolean" -> true;
                default -> Map.of();
            });
        });
        return values;
    }

    private String ownerId(Field field, String arg) {
        // an argument seeded under its own name (recordId, stageId, ...) first, else the collection it names
        String key = arg.equals("id") ? collectionOf(field.name()) : ids.containsKey(arg) ? arg : collectionOf(arg.replace("Id", ""));
        String id = ids.get(key);
        if (id == null) {
            fail(field + ": no record of the owner for " + arg + " (key '" + key + "'); add one to OwnerRecords.seed");
        }
        return id;
    }

    /** {@code updateCompany} → {@code companies}; {@code contactOverview} → {@code contacts}; {@code ticket} → {@code tickets}. */
    private static String collectionOf(String name) {
        String noun = name.replaceFirst("^(create|update|delete|move|rate|record|merge)", "");
        noun = noun.replaceFirst("(Overview|Duplicates)$", "");
        noun = Character.toLowerCase(noun.charAt(0)) + noun.substring(1);
        return noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    }

    private static String typeName(Map<?, ?> type) {
        return switch ((String) type.get("kind")) {
            case "NON_NULL" -> typeName((Map<?, ?>) type.get("ofType")) + "!";
            case "LIST" -> "[" + typeName((Map<?, ?>) type.get("ofType")) + "]";
            default -> (String) type.get("name");
        };
    }

    private static boolean returnsObject(Map<?, ?> type) {
        Map<?, ?> t = type;
        while (t.get("ofType") != null) {
            t = (Map<?, ?>) t.get("ofType");
        }
        return "OBJECT".equals(t.get("kind"));
    }

    private static Response post(String token, String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        Response response = as(token).body(body).when().post("/graphql");
        assertTrue(response.statusCode() < 500, document + " answered " + response.statusCode() + ": " + response.asString());
        return response;
    }
}
