package dev.torre.platform.properties;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Typed custom properties: validation, sensitive values encrypted at rest and shown only to the roles allowed. */
@QuarkusTest
class PropertyDefinitionTest {

    @Inject
    DataSource dataSource;

    private final String tenant = newTenant();

    private void define(Map<String, Object> definition) {
        admin(tenant).body(definition).when().post("/v1/property-definitions").then().statusCode(201);
    }

    @BeforeEach
    void definitions() {
        define(Map.of("objectType", "contact", "name", "plan", "type", "enum", "validation", Map.of("values", List.of("free", "pro"))));
        define(Map.of("objectType", "contact", "name", "score", "type", "number", "validation", Map.of("min", 0, "max", 100)));
        define(Map.of("objectType", "contact", "name", "taxId", "type", "string", "validation", Map.of("pattern", "[A-Z0-9]{9}"),
                "personal", true, "sensitive", true, "readableBy", List.of("finance")));
    }

    private String create() {
        return admin(tenant).header("Idempotency-Key", "create-p").body(Map.of("email", "p@example.com",
                "properties", Map.of("plan", "pro", "score", 50, "taxId", "X1234567Z", "note", "free text")))
                .when().post("/v1/contacts").then().statusCode(201)
                .body("properties.taxId", equalTo("X1234567Z")).extract().path("id");
    }

    @Test
    void sensitiveValuesAreEncryptedAtRestAndShownOnlyToAllowedRoles() {
        String id = create();
        String stored = TenantContext.callAs(tenant, () -> single("select properties ->> 'taxId' from contact where id = '" + id + "'"));
        assertTrue(stored.startsWith("enc:v2:"), stored);
        assertFalse(stored.contains("X1234567Z"));
        String events = TenantContext.callAs(tenant, () -> single("select string_agg(cast(payload as text), ' ') from event_log"));
        assertFalse(events.contains("X1234567Z"), "no plain sensitive value in the event log");
        String answers = TenantContext.callAs(tenant, () -> single("select string_agg(body, ' ') from idempotency_key"));
        assertFalse(answers.contains("X1234567Z"), "no plain sensitive value in stored idempotent answers");

        as(Tokens.of(tenant, "sales", null)).when().get("/v1/contacts/" + id).then().statusCode(200)
                .body("properties", not(hasKey("taxId"))).body("properties.plan", equalTo("pro"));
        as(Tokens.of(tenant, "finance", null)).when().get("/v1/contacts/" + id).then().statusCode(200)
                .body("properties.taxId", equalTo("X1234567Z"));
        // a change to another property keeps the sealed value as it was
        admin(tenant).body(Map.of("properties", Map.of("score", 60))).when().patch("/v1/contacts/" + id).then().statusCode(200)
                .body("properties.taxId", equalTo("X1234567Z")).body("properties.score", equalTo(60));
        admin(tenant).queryParam("types", "contact.updated").when().get("/v1/events").then()
                .body("data[0].payload.changes", not(hasKey("properties.taxId")));
    }

    @Test
    void valuesMustKeepTheirDefinitions() {
        String id = create();
        admin(tenant).body(Map.of("properties", Map.of("plan", "gold"))).when().patch("/v1/contacts/" + id).then().spec(problem(400))
                .body("errors[0].field", equalTo("properties.plan"));
        admin(tenant).body(Map.of("properties", Map.of("score", 101))).when().patch("/v1/contacts/" + id).then().spec(problem(400))
                .body("errors[0].field", equalTo("properties.score"));
        admin(tenant).body(Map.of("properties", Map.of("score", "many"))).when().patch("/v1/contacts/" + id).then().spec(problem(400));
        admin(tenant).body(Map.of("properties", Map.of("taxId", "nope"))).when().patch("/v1/contacts/" + id).then().spec(problem(400))
                .body("errors[0].field", equalTo("properties.taxId"));
        admin(tenant).body(Map.of("properties", Map.of("undefinedOne", 42))).when().patch("/v1/contacts/" + id).then().statusCode(200);
        admin(tenant).when().get("/v1/contacts/" + id).then().body("properties.plan", equalTo("pro")).body("properties.score", equalTo(50));
    }

    @Test
    void patternsRunInLinearTimeAndThoseRe2CannotCompileAreRefused() {
        admin(tenant).body(Map.of("objectType", "contact", "name", "twice", "type", "string", "validation", Map.of("pattern", "(a)\\1")))
                .when().post("/v1/property-definitions").then().spec(problem(400)).body("errors[0].field", equalTo("validation.pattern"));
        admin(tenant).body(Map.of("objectType", "contact", "name", "ahead", "type", "string", "validation", Map.of("pattern", "(?=a)a")))
                .when().post("/v1/property-definitions").then().spec(problem(400)).body("errors[0].field", equalTo("validation.pattern"));
        define(Map.of("objectType", "contact", "name", "code", "type", "string", "validation", Map.of("pattern", "(a+)+$")));
        String id = create();
        // a backtracking engine takes minutes on this value; a linear one answers at once
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () ->
                admin(tenant).body(Map.of("properties", Map.of("code", "a".repeat(40) + "!"))).when().patch("/v1/contacts/" + id)
                        .then().spec(problem(400)).body("errors[0].field", equalTo("properties.code")));
        admin(tenant).body(Map.of("properties", Map.of("code", "aaaa"))).when().patch("/v1/contacts/" + id).then().statusCode(200);
    }

    @Test
    void sensitivePropertiesCannotBeFiltered() {
        create();
        admin(tenant).queryParam("filter", "properties.taxId eq \"X1234567Z\"").when().get("/v1/contacts").then().spec(problem(400))
                .body("errors[0].code", equalTo("sensitive_field"));
        admin(tenant).queryParam("filter", "properties.plan eq \"pro\"").when().get("/v1/contacts").then().statusCode(200)
                .body("data", hasSize(1));
    }

    @Test
    void badDefinitionsAreRefused() {
        Map<String, Object> base = Map.of("objectType", "contact", "name", "x", "type", "string");
        admin(tenant).body(Map.of("objectType", "contact", "name", "x", "type", "blob")).when().post("/v1/property-definitions")
                .then().spec(problem(400)).body("errors[0].field", equalTo("type"));
        admin(tenant).body(Map.of("objectType", "spaceship", "name", "x", "type", "string")).when().post("/v1/property-definitions")
                .then().spec(problem(400)).body("errors[0].field", equalTo("objectType"));
        admin(tenant).body(Map.of("objectType", "contact", "name", "n", "type", "number", "sensitive", true))
                .when().post("/v1/property-definitions").then().spec(problem(400));
        admin(tenant).body(Map.of("objectType", "contact", "name", "plan", "type", "string")).when().post("/v1/property-definitions")
                .then().spec(problem(409));
        admin(tenant).body(Map.of("objectType", "contact", "name", "e", "type", "enum")).when().post("/v1/property-definitions")
                .then().spec(problem(400)).body("errors[0].field", equalTo("validation.values"));
        admin(tenant).body(Map.of("objectType", "contact", "name", "r", "type", "string", "validation", Map.of("pattern", "[")))
                .when().post("/v1/property-definitions").then().spec(problem(400));
        admin(tenant).body(Map.of("objectType", "contact", "name", "bad name", "type", "string")).when().post("/v1/property-definitions")
                .then().spec(problem(400));
        as(Tokens.of(tenant, "sales", null)).body(base).when().post("/v1/property-definitions").then().spec(problem(403));
        admin(tenant).queryParam("objectType", "contact").when().get("/v1/property-definitions").then().body("data", hasSize(3));
    }

    private String single(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql); ResultSet r = q.executeQuery()) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
