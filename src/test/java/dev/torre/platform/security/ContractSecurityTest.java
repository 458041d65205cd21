package dev.torre.platform.security;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The security promises checked on every REST operation of the committed contract
 * ({@code openapi/openapi.yaml}), so a new endpoint is covered without anyone adding it here:
 * a token narrowed to an unrelated scope and a preference-portal token are refused before
 * anything runs, another tenant's ids answer 404 and change nothing, and none of it is a 5xx.
 * A path parameter this suite cannot fill with a real record fails the suite, naming it.
 */
@QuarkusTest
class ContractSecurityTest {

    private static final Path CONTRACT = Path.of("openapi/openapi.yaml");
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

    /** An operation of the contract. */
    record Operation(String method, String path) {
        boolean takesBody() {
            return !method.equals("get") && !method.equals("delete");
        }

        boolean portalOnly() {
            return path.startsWith("/v1/me/");
        }

        /** Public by design: the OAuth token endpoint (clients authenticate there) and the keys that verify its tokens. */
        boolean publicByDesign() {
            return PUBLIC.contains(path);
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    /** The operations that need no bearer token, deliberately; {@link #publicOperationsAreExactlyTheDeliberateOnes} holds the list. */
    static final Set<String> PUBLIC = Set.of("/v1/oauth/token", "/.well-known/jwks.json");

    private final String owner = newTenant();
    private final String intruder = newTenant();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private List<Operation> operations;
    private final Set<String> sortParameters = new java.util.HashSet<>();
    private String portalToken;

    /** Reads the contract and seeds the owner; called first by each factory, where REST Assured knows the server's port. */
    private void readTheContractAndSeedTheOwner() throws IOException {
        operations = new ArrayList<>();
        JsonNode paths = new YAMLMapper().readTree(CONTRACT.toFile()).get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fields().forEachRemaining(method -> {
                Operation op = new Operation(method.getKey(), path.getKey());
                operations.add(op);
                for (JsonNode parameter : method.getValue().path("parameters")) {
                    if ("sort".equals(parameter.path("name").asText())) {
                        sortParameters.add(op.toString());
                    }
                }
            });
        }
        assertTrue(operations.size() > 100, "the contract lists " + operations.size() + " operations");
        OwnerRecords.seed(owner, ids);
        portalToken = admin(owner).when().post("/v1/contacts/" + ids.get("contacts") + "/portal-tokens")
                .then().statusCode(201).extract().path("token");
    }

    @TestFactory
    Stream<DynamicTest> aTokenNarrowedToAnUnrelatedScopeIsRefusedEverywhere() throws IOException {
        readTheContractAndSeedTheOwner();
        String narrow = Tokens.of(owner, "admin", "nothing:read");
        return operations.stream().filter(op -> !op.portalOnly() && !op.publicByDesign()).map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
            Response response = call(as(narrow), op, randomIds(op));
            assertEquals(403, response.statusCode(), op + " answered " + response.statusCode() + ": " + response.asString());
            assertEquals("/problems/forbidden", response.path("type"), response.asString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> aPortalTokenReachesNothingButItsOwnPaths() throws IOException {
        readTheContractAndSeedTheOwner();
        return operations.stream().filter(op -> !op.portalOnly() && !op.publicByDesign()).map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
            Response response = call(as(portalToken), op, ownerIds(op));
            assertEquals(403, response.statusCode(), op + " answered " + response.statusCode() + ": " + response.asString());
        }));
    }

    /**
     * The public operations are exactly the deliberate ones, the contract says so (no security requirement), and a
     * bearer token gains nothing there: the token endpoint still wants client credentials, the key set shows only
     * public keys.
     */
    @org.junit.jupiter.api.Test
    void publicOperationsAreExactlyTheDeliberateOnes() throws IOException {
        JsonNode paths = new YAMLMapper().readTree(CONTRACT.toFile()).get("paths");
        Set<String> open = new java.util.TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode security = method.getValue().get("security");
            if (security != null && security.isArray() && security.isEmpty()) {
                open.add(path.getKey());
            }
        }));
        assertEquals(new java.util.TreeSet<>(PUBLIC), open);
        String admin = Tokens.admin(owner);
        Response token = as(admin).contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .when().post("/v1/oauth/token");
        assertEquals(401, token.statusCode(), token.asString());
        assertEquals("invalid_client", token.path("error"));
        Response keys = as(admin).when().get("/.well-known/jwks.json");
        assertEquals(200, keys.statusCode());
        assertTrue(!keys.asString().contains("\"d\""), "no private key part: " + keys.asString());
    }

    /**
     * Another tenant's record must be indistinguishable from one that does not exist: the same answer
     * as for a random id, and the owner's record untouched.
     */
    @TestFactory
    Stream<DynamicTest> anotherTenantsIdsLookLikeNoRecordAndChangeNothing() throws IOException {
        readTheContractAndSeedTheOwner();
        return operations.stream().filter(op -> !op.portalOnly() && PARAM.matcher(op.path()).find())
                .filter(op -> PARAM.matcher(op.path()).results().allMatch(p -> OwnerRecords.IDS.contains(p.group(1))))
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    Map<String, String> values = ownerIds(op);
                    String before = snapshot(op, values);
                    Response foreign = call(admin(intruder), op, values);
                    Response missing = call(admin(intruder), op, randomIds(op));
                    assertTrue(foreign.statusCode() >= 400, op + " with the owner's ids answered another tenant "
                            + foreign.statusCode() + ": " + foreign.asString());
                    assertEquals(missing.statusCode() + " " + missing.path("type"), foreign.statusCode() + " " + foreign.path("type"),
                            op + ": another tenant's id answers differently from a missing one: " + foreign.asString());
                    assertEquals(before, snapshot(op, values), op + " changed the owner's record");
                }));
    }

    /** The object type whose access policy governs each listed collection (the last collection in a list's path). */
    private static final Map<String, String> LISTED_TYPES = Map.ofEntries(Map.entry("contacts", "contact"), Map.entry("companies", "company"),
            Map.entry("deals", "deal"), Map.entry("products", "product"), Map.entry("orders", "order"),
            Map.entry("interactions", "interaction"), Map.entry("tickets", "ticket"), Map.entry("tasks", "task"));

    /** Lists whose rows are not records of a governed type: their sort fields are no one's hidden fields. */
    private static final Set<String> UNGOVERNED_LISTS = Set.of("business-calendars", "webhooks", "deliveries", "segments", "members",
            "api-clients", "workflows", "runs", "teams");

    /** Per governed type, a field its policy may hide that admins can sort and filter by. */
    private static final Map<String, String> HIDEABLE = Map.of("contact", "lastName", "company", "name", "deal", "amount",
            "product", "price", "order", "total", "interaction", "purpose", "ticket", "externalId", "task", "dueAt");

    /** Spellings of a sort by field F: signs, blanks, case, and F second in a list. */
    private static final List<String> SORTS = List.of("F", "-F", "- F", "+F", " F", "UPPER", "-Capital", "updatedAt,-F");
    private static final List<String> FILTERS = List.of("F pr", "Capital pr", "F gt \"0\"", "not (F pr)", "updatedAt pr or F pr");

    /**
     * A role for which a field is hidden can neither sort nor filter by it, however it is spelled, on every list
     * and search of the contract, while an admin can: the field's order or values would leak through the rows'
     * order or presence.
     */
    @TestFactory
    Stream<DynamicTest> aHiddenFieldCannotOrderOrFilterAnyList() throws IOException {
        readTheContractAndSeedTheOwner();
        String sales = Tokens.of(owner, "sales", null);
        return operations.stream()
                .filter(op -> (op.method().equals("get") && !op.path().endsWith("}") && sortable(op)) || op.path().endsWith("/search"))
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    String collection = lastCollection(op.path());
                    if (UNGOVERNED_LISTS.contains(collection)) {
                        return;
                    }
                    String type = LISTED_TYPES.get(collection);
                    if (type == null) {
                        fail(op + ": which object type governs '" + collection + "'? Add it to LISTED_TYPES or UNGOVERNED_LISTS");
                    }
                    String field = HIDEABLE.get(type);
                    String path = op.path();
                    for (Map.Entry<String, String> v : ownerIds(op).entrySet()) {
                        path = path.replace("{" + v.getKey() + "}", v.getValue());
                    }
                    String token = Tokens.admin(owner);
                    // a field nobody may sort by (interactions sort only by times) is refused anyway: only its filters are tried
                    boolean sorts = list(token, op, path, "sort", "-" + field).statusCode() == 200;
                    boolean filters = list(token, op, path, "filter", field + " pr").statusCode() == 200;
                    assertTrue(sorts || filters, op + ": admins can neither sort nor filter by " + field + "; choose another in HIDEABLE");
                    admin(owner).body(Map.of("read", true, "write", true, "hiddenFields", List.of(field)))
                            .when().put("/v1/access-policy/sales/" + type).then().statusCode(200);
                    for (String sort : sorts ? SORTS : List.<String>of()) {
                        Response r = list(sales, op, path, "sort", spell(sort, field));
                        assertEquals(400, r.statusCode(), op + " sorted by '" + spell(sort, field) + "' for a role that may not see it: " + r.asString());
                    }
                    for (String filter : filters ? FILTERS : List.<String>of()) {
                        Response r = list(sales, op, path, "filter", spell(filter, field));
                        assertEquals(400, r.statusCode(), op + " filtered by '" + spell(filter, field) + "' for a role that may not see it: " + r.asString());
                    }
                }));
    }

    private static String spell(String pattern, String field) {
        String capital = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        return pattern.replace("UPPER", field.toUpperCase(java.util.Locale.ROOT)).replace("Capital", capital).replace("F", field);
    }

    /** A list page by query parameters (GET) or by search body (POST), with one sort or filter. */
    private static Response list(String token, Operation op, String path, String what, String value) {
        if (op.method().equals("get")) {
            return as(token).queryParam(what, value).when().get(path);
        }
        return as(token).body(Map.of(what, what.equals("sort") ? List.of(value.split(",")) : value)).when().post(path);
    }

    private boolean sortable(Operation op) {
        return sortParameters.contains(op.toString());
    }

    private static String lastCollection(String path) {
        String[] parts = path.replace("/search", "").split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].startsWith("{") && !parts[i].isEmpty()) {
                return parts[i];
            }
        }
        return path;
    }

    /** The owner's view of the record an operation names, by its ETag, or null when it has none. */
    private String snapshot(Operation op, Map<String, String> values) {
        String record = recordPath(op.path(), values);
        if (record == null) {
            return null;
        }
        Response response = admin(owner).when().get(record);
        return response.statusCode() + " " + response.header("ETag") + " " + response.path("archivedAt");
    }

    /** The GET path of the first record an operation's path names ({@code /v1/deals/{id}/timeline} → {@code /v1/deals/<id>}). */
    private static String recordPath(String path, Map<String, String> values) {
        Matcher m = Pattern.compile("^(/v1/[\\w-]+)/\\{(\\w+)}").matcher(path);
        if (!m.find() || !m.group(1).matches("/v1/(contacts|companies|deals|products|orders|interactions|tickets|tasks|pipelines)")) {
            return null;
        }
        return m.group(1) + "/" + values.get(m.group(2));
    }

    private Map<String, String> ownerIds(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(op.path());
        while (m.find()) {
            String name = m.group(1);
            String key = name.equals("id") ? collectionBefore(op.path(), "{id}") : name;
            String value = OwnerRecords.IDS.contains(name) ? ids.get(key) : OwnerRecords.LITERALS.get(name);
            if (value == null) {
                fail(op + ": no record of the owner for {" + name + "} (key '" + key + "'); add one to OwnerRecords.seed");
            }
            values.put(name, value);
        }
        return values;
    }

    private static Map<String, String> randomIds(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(op.path());
        while (m.find()) {
            values.put(m.group(1), OwnerRecords.LITERALS.getOrDefault(m.group(1), UUID.randomUUID().toString()));
        }
        return values;
    }

    /** {@code /v1/pipelines/{id}/stages} → {@code pipelines}; {@code /v1/scoring/jobs/{id}} → {@code scoring/jobs}. */
    private static String collectionBefore(String path, String param) {
        return path.substring("/v1/".length(), path.indexOf(param) - 1);
    }

    private static Response call(RequestSpecification request, Operation op, Map<String, String> values) {
        String path = op.path();
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        if (op.takesBody()) {
            request = request.body(op.path().endsWith("/batch/upsert") || op.path().endsWith("/batch") ? "{\"items\":[]}" : "{}");
        }
        Response response = request.when().request(op.method().toUpperCase(), path);
        assertTrue(response.statusCode() < 500, op + " answered " + response.statusCode() + ": " + response.asString());
        return response;
    }
}
