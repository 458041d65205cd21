package dev.torre.platform.properties;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
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
import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A sealed value is bound to its tenant, object type, record and property: copied anywhere
 * else it is refused, never opened; and no answer — REST, GraphQL, events, stored idempotent
 * answers, exports — ever carries a sealed value, whoever asks.
 */
@QuarkusTest
class SealedValueTest {

    @Inject
    DataSource dataSource;

    private final String tenant = newTenant();
    private final String sales = Tokens.of(tenant, "sales", null);

    @BeforeEach
    void definitions() {
        define("contact", "taxId", List.of("finance"));
        define("contact", "memo", List.of("sales"));
        define("deal", "bankAccount", List.of("finance"));
    }

    private void define(String type, String name, List<String> readers) {
        admin(tenant).body(Map.of("objectType", type, "name", name, "type", "string", "sensitive", true, "readableBy", readers))
                .when().post("/v1/property-definitions").then().statusCode(201);
    }

    private String contact(String key) {
        return admin(tenant).header("Idempotency-Key", key).body(Map.of("email", key + "@example.com",
                "properties", Map.of("taxId", "X1234567Z", "memo", "call after lunch", "plan", "pro")))
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
    }

    @Test
    void aSealedValueCopiedToAnotherPropertyOrRecordIsRefusedNotOpened() {
        String id = contact("copy");
        String other = contact("other");
        String taxId = stored("contact", id, "taxId");
        assertTrue(taxId.startsWith("enc:"), taxId);

        // into a property the caller may read, of the same record, of another record; into a free property
        as(sales).body(Map.of("properties", Map.of("memo", taxId))).when().patch("/v1/contacts/" + id).then().spec(problem(400))
                .body("errors[0].field", equalTo("properties.memo")).body(not(containsString("X1234567Z")));
        as(sales).body(Map.of("properties", Map.of("memo", taxId))).when().patch("/v1/contacts/" + other).then().spec(problem(400));
        admin(tenant).body(Map.of("properties", Map.of("taxId", taxId))).when().patch("/v1/contacts/" + other).then().spec(problem(400))
                .body("errors[0].field", equalTo("properties.taxId"));
        as(sales).body(Map.of("properties", Map.of("plan", taxId))).when().patch("/v1/contacts/" + id).then().spec(problem(400));
        as(sales).body(Map.of("email", "new@example.com", "properties", Map.of("memo", taxId.replace("enc:v2:", "enc:v1:"))))
                .when().post("/v1/contacts").then().spec(problem(400));
        // a deal's sealed value into a contact
        String deal = admin(tenant).body(Map.of("name", "Loan", "properties", Map.of("bankAccount", "ES7620770024003102575766")))
                .when().post("/v1/deals").then().statusCode(201).extract().path("id");
        String account = stored("deal", deal, "bankAccount");
        assertTrue(account.startsWith("enc:"), "deals' sensitive values are sealed too: " + account);
        as(sales).body(Map.of("properties", Map.of("memo", account))).when().patch("/v1/contacts/" + id).then().spec(problem(400));
        // nothing changed; the value sent back unchanged to where it lives is accepted
        as(sales).when().get("/v1/contacts/" + id).then().body("properties.memo", equalTo("call after lunch"));
        admin(tenant).body(Map.of("properties", Map.of("taxId", taxId, "plan", "free"))).when().patch("/v1/contacts/" + id)
                .then().statusCode(200).body("properties.taxId", equalTo("X1234567Z"));
        as(Tokens.of(tenant, "finance", null)).when().get("/v1/deals/" + deal).then().body("properties.bankAccount",
                equalTo("ES7620770024003102575766"));
    }

    @Test
    void graphQLShowsSensitivePropertiesOnlyToTheirReadersAndNeverSealed() {
        String id = contact("graphql");
        String query = "query($id: ID!) { contact(id: $id) { properties } }";
        GraphQL.as(sales, query, Map.of("id", id)).statusCode(200)
                .body("data.contact.properties", not(containsString("enc:"))).body("data.contact.properties", not(containsString("taxId")))
                .body("data.contact.properties", containsString("call after lunch"));
        GraphQL.as(Tokens.of(tenant, "finance", null), query, Map.of("id", id))
                .body("data.contact.properties", containsString("X1234567Z"));
    }

    @Test
    void aContactCreatedByABatchCarriesItsPlainPropertiesButNoSealedValueInItsEvent() {
        admin(tenant).body(Map.of("matchOn", "externalId", "items", List.of(Map.of("externalId", "b-1",
                "properties", Map.of("taxId", "X1234567Z", "plan", "pro"))))).when().post("/v1/contacts/batch/upsert").then()
                .statusCode(200).body("results[0].status", equalTo("created"));

        admin(tenant).queryParam("types", "contact.created").when().get("/v1/events").then().statusCode(200)
                .body("data[0].payload.data.externalId", equalTo("b-1"))
                .body("data[0].payload.data.properties.plan", equalTo("pro"))
                .body("data[0].payload.data.properties", not(hasKey("taxId")));
        assertTrue(!sql("select string_agg(cast(payload as text), ' ') from event_log").contains("enc:"), "no sealed value at rest in events");
    }

    @Test
    void noEventStoredAnswerOrExportCarriesASealedValue() {
        String id = contact("replayed");
        admin(tenant).body(Map.of("properties", Map.of("taxId", "Y7654321Z"))).when().patch("/v1/contacts/" + id).then().statusCode(200);

        admin(tenant).queryParam("limit", 200).when().get("/v1/events").then().statusCode(200)
                .body(not(containsString("enc:"))).body(not(containsString("X1234567Z"))).body(not(containsString("Y7654321Z")));
        admin(tenant).queryParam("types", "contact.updated").when().get("/v1/events").then()
                .body("data[0].payload.changes", hasKey("properties.taxId"));
        assertTrue(!sql("select string_agg(cast(payload as text), ' ') from event_log").contains("enc:"), "no sealed value at rest in events");
        // the replay of the first create, and the export of the person
        admin(tenant).header("Idempotency-Key", "replayed").body(Map.of("email", "replayed@example.com",
                "properties", Map.of("taxId", "X1234567Z", "memo", "call after lunch", "plan", "pro")))
                .when().post("/v1/contacts").then().statusCode(201).body(not(containsString("enc:")));
        String request = admin(tenant).body(Map.of("type", "access", "contactId", id)).when().post("/v1/privacy/requests")
                .then().statusCode(202).extract().path("id");
        admin(tenant).when().get("/v1/privacy/requests/" + request + "/export").then().statusCode(200)
                .body(not(containsString("enc:"))).body("profile.properties.plan", equalTo("pro"));
    }

    @Test
    void aMessageDeliveredTwiceWithASensitivePropertyIsTheSameMessage() {
        define("interaction", "caseNumber", List.of("service"));
        Map<String, Object> message = Map.of("type", "email", "direction", "inbound", "occurredAt", "2026-03-02T10:00:00Z",
                "externalMessageId", "<twice@mail>", "subject", "Hola", "properties", Map.of("caseNumber", "CASE-1"));
        String id = admin(tenant).body(message).when().post("/v1/interactions").then().statusCode(201).extract().path("id");
        assertTrue(stored("interaction", id, "caseNumber").startsWith("enc:v2:"));
        admin(tenant).body(message).when().post("/v1/interactions").then().statusCode(200).body("id", equalTo(id))
                .body("properties.caseNumber", equalTo("CASE-1"));
        admin(tenant).body(Map.of("items", List.of(message))).when().post("/v1/interactions/batch").then().statusCode(200)
                .body("results[0].status", equalTo("unchanged"));
    }

    private String stored(String table, String id, String property) {
        return sql("select properties ->> '" + property + "' from " + table + " where id = '" + id + "'");
    }

    private String sql(String sql) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql); ResultSet r = q.executeQuery()) {
                r.next();
                return String.valueOf(r.getString(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
