package dev.torre.usage;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.TestTime;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** Usage per day, API client and operation family, with 4xx, 429 and 5xx counts, read by admins. */
@QuarkusTest
class UsageTest {

    @Inject
    UsageRecorder recorder;

    @AfterEach
    void resetTime() {
        TestTime.reset();
    }

    @Test
    void requestsAreCountedPerClientDayAndFamily() {
        TestTime.set(Instant.now().toString());
        String tenant = newTenant();
        var created = admin(tenant).body(Map.of("name", "Shop", "scopes", List.of("contacts:read", "contacts:write"), "rateLimit", 4))
                .when().post("/v1/api-clients").then().statusCode(201).extract();
        String clientId = created.path("clientId");
        String token = RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", created.<String>path("clientSecret"))
                .when().post("/v1/oauth/token").then().statusCode(200).extract().path("access_token");

        as(token).when().get("/v1/contacts").then().statusCode(200);
        as(token).body(Map.of("nonsense", 1)).when().post("/v1/contacts").then().statusCode(400);
        as(token).when().get("/v1/contacts/" + UUID.randomUUID()).then().statusCode(404);
        as(token).body("{\"query\":\"{ contacts { edges { node { id } } } }\"}").when().post("/graphql").then().statusCode(200);
        as(token).when().get("/v1/contacts").then().statusCode(429); // its fifth request in this second
        as(token).body("{\"query\":\"{ contacts { edges { node { id } } } }\"}").when().post("/graphql").then().statusCode(429);
        recorder.flush();

        String today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).toString();
        JsonPath report = admin(tenant).queryParam("from", today).queryParam("to", today).when().get("/v1/usage")
                .then().statusCode(200).body("from", equalTo(today)).extract().jsonPath();
        Map<String, Object> contacts = line(report, clientId, "contacts");
        assertEquals(4, contacts.get("total"));
        assertEquals(2, contacts.get("clientErrors"));
        assertEquals(1, contacts.get("rateLimited"));
        assertEquals(0, contacts.get("serverErrors"));
        assertEquals(2, line(report, clientId, "graphql").get("total"));
        assertEquals(1, line(report, clientId, "graphql").get("rateLimited"));
        // the admin's own calls are counted apart, without a client
        assertEquals(today, line(report, null, "api-clients").get("day"));

        // counts add up over flushes (every instance adds its own)
        as(Tokens.admin(tenant)).when().get("/v1/contacts").then().statusCode(200);
        recorder.flush();
        JsonPath again = admin(tenant).queryParam("from", today).queryParam("to", today).when().get("/v1/usage").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, line(again, null, "contacts").get("total"));
        assertEquals(4, line(again, clientId, "contacts").get("total"));
        // another tenant sees none of it
        admin(newTenant()).queryParam("from", today).when().get("/v1/usage").then().statusCode(200).body("data", equalTo(List.of()));
    }

    @Test
    void badRangesAreRefusedAndOnlyAdminsMayRead() {
        String tenant = newTenant();
        admin(tenant).queryParam("from", "yesterday").when().get("/v1/usage").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        admin(tenant).queryParam("from", "2026-12-06").queryParam("to", "2026-12-01").when().get("/v1/usage").then().statusCode(400)
                .body("errors[0].code", equalTo("after_to"));
        admin(tenant).queryParam("from", "2025-01-01").queryParam("to", "2026-01-01").when().get("/v1/usage").then().statusCode(400)
                .body("errors[0].code", equalTo("range_too_long"));
        admin(tenant).queryParam("to", "2026-02-30").when().get("/v1/usage").then().statusCode(400).body("errors[0].field", equalTo("to"));
        as(Tokens.readonly(tenant)).when().get("/v1/usage").then().statusCode(403);
        as(Tokens.of(tenant, "integration", null)).when().get("/v1/usage").then().statusCode(403);
        admin(tenant).when().get("/v1/usage").then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(JsonPath report, String clientId, String family) {
        List<Map<String, Object>> lines = report.getList("data");
        return lines.stream().filter(l -> java.util.Objects.equals(l.get("clientId"), clientId) && family.equals(l.get("family")))
                .findFirst().orElseThrow(() -> new AssertionError("no usage line for " + clientId + " " + family + " in " + lines));
    }
}
