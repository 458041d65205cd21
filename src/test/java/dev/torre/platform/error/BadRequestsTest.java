package dev.torre.platform.error;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A table of bad requests: each is answered with a 4xx problem document that shows no internals
 * (no Java, no SQL, no schema names), and none of them changes anything.
 */
@QuarkusTest
class BadRequestsTest {

    private static final String UNKNOWN_ID = "01900000-0000-7000-8000-000000000000";

    private final String tenant = newTenant();
    private String contact;
    private String company;

    /** One bad request; {contact} and {company} in the path stand for records made before it. */
    static final class Bad {
        final String name;
        final int status;
        final String method;
        final String path;
        String body;
        String contentType;
        String token = "admin";
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();

        private Bad(String name, int status, String method, String path) {
            this.name = name;
            this.status = status;
            this.method = method;
            this.path = path;
        }

        Bad body(String json) {
            body = json;
            return this;
        }

        Bad query(String key, String value) {
            query.put(key, value);
            return this;
        }

        Bad header(String key, String value) {
            headers.put(key, value);
            return this;
        }

        Bad contentType(String type) {
            contentType = type;
            return this;
        }

        Bad as(String role) {
            token = role;
            return this;
        }

        @Override
        public String toString() {
            return name + " → " + status;
        }
    }

    static Bad post(String name, int status, String path, String body) {
        return new Bad(name, status, "POST", path).body(body);
    }

    static Bad patch(String name, int status, String body) {
        return new Bad(name, status, "PATCH", "/v1/contacts/{contact}").body(body);
    }

    static Bad list(String name, String key, String value) {
        return new Bad(name, 400, "GET", "/v1/contacts").query(key, value);
    }

    static String longText(int length) {
        return "x".repeat(length);
    }

    static Stream<Bad> badRequests() {
        String fiftyOneTags = IntStream.range(0, 51).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                // bodies that are not the JSON expected
                post("malformed JSON", 400, "/v1/contacts", "{\"firstName\":"),
                post("a JSON array instead of an object", 400, "/v1/contacts", "[{\"firstName\":\"Ana\"}]"),
                post("no body at all", 400, "/v1/contacts", null),
                post("a JSON null body", 400, "/v1/companies", "null"),
                post("a string where a list belongs", 400, "/v1/contacts", "{\"tags\":\"vip\"}"),
                post("an object where a string belongs", 400, "/v1/contacts", "{\"firstName\":{\"es\":\"Ana\"}}"),
                post("a number where an object belongs", 400, "/v1/contacts", "{\"source\":5}"),
                post("text where a UUID belongs", 400, "/v1/contacts", "{\"companyId\":\"acme\"}"),
                post("a list where custom properties belong", 400, "/v1/contacts", "{\"properties\":[1,2]}"),
                patch("a patch that is not an object", 400, "\"Ana\""),
                // values too long or malformed
                post("an over-long first name", 400, "/v1/contacts", "{\"firstName\":\"" + longText(101) + "\"}"),
                post("an over-long company name", 400, "/v1/companies", "{\"name\":\"" + longText(201) + "\"}"),
                post("an over-long custom property", 400, "/v1/contacts", "{\"properties\":{\"note\":\"" + longText(2001) + "\"}}"),
                post("too many tags", 400, "/v1/contacts", "{\"tags\":" + fiftyOneTags + "}"),
                post("an invalid email", 400, "/v1/contacts", "{\"email\":\"ana.acme.es\"}"),
                patch("an invalid email in a patch", 400, "{\"email\":\"ana@\"}"),
                post("an invalid phone", 400, "/v1/contacts", "{\"phone\":\"call me maybe\"}"),
                post("an unknown lifecycle stage", 400, "/v1/contacts", "{\"lifecycleStage\":\"vip\"}"),
                post("an invalid domain", 400, "/v1/companies", "{\"name\":\"Acme\",\"domain\":\"acme\"}"),
                post("a NUL character inside a name", 400, "/v1/contacts", "{\"firstName\":\"A\\u0000na\"}"),
                post("a NUL character in a custom property", 400, "/v1/contacts", "{\"properties\":{\"plan\":\"p\\u0000\"}}"),
                post("a custom property name with a space", 400, "/v1/contacts", "{\"properties\":{\"my plan\":\"pro\"}}"),
                post("a companyId of no company", 400, "/v1/contacts", "{\"companyId\":\"" + UNKNOWN_ID + "\"}"),
                // unknown fields
                post("an unknown field", 400, "/v1/contacts", "{\"firstName\":\"Ana\",\"nickname\":\"Anita\"}"),
                post("an unknown nested field", 400, "/v1/contacts", "{\"source\":{\"utmTerm\":\"crm\"}}"),
                patch("an unknown field in a patch", 400, "{\"nickname\":\"Anita\"}"),
                patch("a read-only field in a patch", 400, "{\"version\":9,\"archivedAt\":null}"),
                post("an unknown field in a search", 400, "/v1/contacts/search", "{\"text\":\"ana\"}"),
                // queries
                list("an unknown filter field", "filter", "nickname eq \"Anita\""),
                list("a filter that does not parse", "filter", "lastName eq"),
                post("an over-long filter", 400, "/v1/contacts/search", "{\"filter\":\"lastName eq \\\"" + longText(4000) + "\\\"\"}"),
                list("a bad operator for the type", "filter", "createdAt co \"2024\""),
                list("a huge limit", "limit", "1000000"),
                list("a limit that is not a number", "limit", "fifty"),
                list("a bad cursor", "cursor", "AAAA"),
                list("an unknown query parameter", "offset", "50"),
                list("an unknown sort field", "sort", "-score"),
                post("search text without letters", 400, "/v1/contacts/search", "{\"q\":\"%%% ---\"}"),
                post("over-long search text", 400, "/v1/contacts/search", "{\"q\":\"" + longText(201) + "\"}"),
                new Bad("a bad event cursor", 400, "GET", "/v1/events").query("after", "%%%"),
                new Bad("a bad event type", 400, "GET", "/v1/events").query("types", "contacts"),
                // batches
                post("an unknown matchOn", 400, "/v1/contacts/batch/upsert", "{\"matchOn\":\"phone\",\"items\":[{\"phone\":\"612345678\"}]}"),
                post("a batch without items", 400, "/v1/companies/batch/upsert", "{\"matchOn\":\"domain\",\"items\":[]}"),
                // versions, duplicates and keys
                patch("a stale version", 412, "{\"lastName\":\"Vidal\"}").header("If-Match", "\"7\""),
                patch("an If-Match that is no ETag", 400, "{\"lastName\":\"Vidal\"}").header("If-Match", "7"),
                post("a duplicate email", 409, "/v1/contacts", "{\"email\":\"Ana@Acme.es\"}"),
                post("a duplicate externalId", 409, "/v1/contacts", "{\"externalId\":\"crm-1\"}"),
                post("a duplicate domain", 409, "/v1/companies", "{\"name\":\"Acme Dos\",\"domain\":\"acme.es\"}"),
                post("a reused Idempotency-Key with another body", 422, "/v1/contacts", "{\"firstName\":\"Otra\"}")
                        .header("Idempotency-Key", "seed-key"),
                post("an Idempotency-Key with spaces", 400, "/v1/contacts", "{\"firstName\":\"Otra\"}")
                        .header("Idempotency-Key", "my key"),
                // addresses, methods, media types and tokens
                new Bad("an unknown contact", 404, "GET", "/v1/contacts/" + UNKNOWN_ID),
                new Bad("an id that is not a UUID", 404, "DELETE", "/v1/contacts/42"),
                new Bad("a method the resource lacks", 405, "PUT", "/v1/contacts/{contact}").body("{\"firstName\":\"Ana\"}"),
                post("a body that is not JSON", 415, "/v1/contacts", "firstName=Ana").contentType("text/plain"),
                post("no token", 401, "/v1/contacts", "{\"firstName\":\"Otra\"}").as("none"),
                post("a token signed by a stranger", 401, "/v1/contacts", "{\"firstName\":\"Otra\"}").as("foreign"),
                post("a read-only token writing", 403, "/v1/contacts", "{\"firstName\":\"Otra\"}").as("readonly"));
    }

    @BeforeEach
    void oneContactAndOneCompany() {
        contact = admin(tenant).header("Idempotency-Key", "seed-key")
                .body(Bodies.contact().firstName("Ana").email("ana@acme.es").externalId("crm-1").build())
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        company = Seed.company(tenant, Bodies.company().name("Acme").domain("acme.es").build());
    }

    /** What a caller can see of the tenant's data: the records, their versions and the event log. */
    private List<Object> state() {
        return List.of(Seed.ids(tenant, "contacts"), Seed.ids(tenant, "companies"), Seed.eventCount(tenant),
                admin(tenant).when().get("/v1/contacts/{id}", contact).then().extract().header("ETag"),
                admin(tenant).when().get("/v1/companies/{id}", company).then().extract().header("ETag"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isAnsweredWithAProblemInTheCallersTermsAndChangesNothing(Bad bad) {
        List<Object> before = state();

        request(bad).request(bad.method, bad.path.replace("{contact}", contact).replace("{company}", company))
                .then().spec(problem(bad.status));

        assertEquals(before, state(), "nothing may change");
    }

    private RequestSpecification request(Bad bad) {
        RequestSpecification request = switch (bad.token) {
            case "none" -> given().contentType("application/json");
            case "foreign" -> given().header("Authorization", "Bearer " + Tokens.foreign(tenant)).contentType("application/json");
            case "readonly" -> given().header("Authorization", "Bearer " + Tokens.readonly(tenant)).contentType("application/json");
            default -> admin(tenant);
        };
        if (bad.contentType != null) {
            request.contentType(bad.contentType);
        }
        if (bad.body != null) {
            request.body(bad.body);
        }
        bad.headers.forEach(request::header);
        bad.query.forEach(request::queryParam);
        return request;
    }
}
