package dev.torre.merge;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /v1/contacts/{id}/merge and /v1/companies/{id}/merge: one survivor, everything related follows it, nothing lost. */
@QuarkusTest
class MergeTest {

    private final String tenant = newTenant();

    private String survivor;
    private String duplicate;

    private void twoAnas() {
        survivor = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").tags("vip").properties(Map.of("shoe", 38)).build());
        duplicate = Seed.contact(tenant, Bodies.contact().firstName("Anna").lastName("Ruiz").email("ana.ruiz@shop.es").phone("+34612345678")
                .tags("shop", "vip").externalId("shop-7").properties(Map.of("shoe", 39, "city", "Sevilla")).build());
    }

    private ValidatableResponse merge(String id, Map<String, Object> body) {
        return admin(tenant).body(body).when().post("/v1/contacts/{id}/merge", id).then();
    }

    private String create(String path, Map<String, Object> body) {
        return admin(tenant).body(body).when().post(path).then().statusCode(201).extract().path("id");
    }

    @Test
    void theSurvivorKeepsItsValuesFillsTheEmptyOnesAndTakesEverythingRelated() {
        twoAnas();
        create("/v1/interactions", Map.of("type", "note", "direction", "internal", "occurredAt", "2026-01-02T10:00:00Z",
                "subject", "Met at the fair", "contactId", duplicate));
        create("/v1/tasks", Map.of("title", "Call Anna", "contactId", duplicate));
        String deal = create("/v1/deals", Map.of("name", "Shoes", "amount", "100", "currency", "EUR", "contactId", duplicate));
        create("/v1/products", Map.of("sku", "SH-1", "name", "Shoe", "price", "50", "currency", "EUR"));
        create("/v1/orders", Map.of("externalId", "o-1", "contactId", duplicate, "status", "paid", "currency", "EUR",
                "lines", List.of(Map.of("sku", "SH-1", "quantity", 2))));
        admin(tenant).body(Map.of("purpose", "marketing", "channel", "email", "status", "denied", "lawfulBasis", "consent",
                "source", "web_form")).when().post("/v1/contacts/{id}/consents", duplicate).then().statusCode(201);
        String segment = create("/v1/segments", Map.of("name", "Fair", "objectType", "contact", "kind", "static"));
        admin(tenant).body(Map.of("ids", List.of(duplicate))).when().post("/v1/segments/{id}/members", segment).then().statusCode(200);

        merge(survivor, Map.of("mergeIds", List.of(duplicate))).statusCode(200)
                .body("dryRun", equalTo(false))
                .body("mergedIds", contains(duplicate))
                .body("result.firstName", equalTo("Ana"))
                .body("result.lastName", equalTo("Ruiz"))
                .body("result.email", equalTo("ana@acme.es"))
                .body("result.phone", equalTo("+34612345678"))
                .body("result.tags", contains("vip", "shop"))
                .body("result.externalId", equalTo("shop-7"))
                .body("result.properties.shoe", equalTo(38))
                .body("result.properties.city", equalTo("Sevilla"))
                .body("filledFrom.lastName", equalTo(duplicate))
                .body("moved.interactions", equalTo(1)).body("moved.tasks", equalTo(1)).body("moved.deals", equalTo(1))
                .body("moved.orders", equalTo(1)).body("moved.consents", equalTo(1)).body("moved.segmentMemberships", equalTo(1));

        admin(tenant).when().get("/v1/contacts/{id}", survivor).then().statusCode(200)
                .body("externalId", equalTo("shop-7")).body("purchases.orderCount", equalTo(1))
                .body("lastInteractionAt", notNullValue()).body("mergedInto", nullValue());
        admin(tenant).when().get("/v1/contacts/{id}", duplicate).then().statusCode(200)
                .body("mergedInto", equalTo(survivor)).body("archivedAt", notNullValue()).body("externalId", nullValue());
        admin(tenant).when().get("/v1/contacts").then().body("data.id", contains(survivor));
        admin(tenant).when().get("/v1/contacts/{id}/timeline", survivor).then().statusCode(200).body("data.subject", hasItem("Met at the fair"));
        admin(tenant).when().get("/v1/contacts/{id}/orders", survivor).then().statusCode(200).body("data.externalId", contains("o-1"));
        admin(tenant).when().get("/v1/deals/{id}", deal).then().body("contactId", equalTo(survivor));
        admin(tenant).queryParam("filter", "contactId eq \"" + survivor + "\"").when().get("/v1/tasks").then().body("data.title", contains("Call Anna"));
        admin(tenant).when().get("/v1/contacts/{id}/consents/history", survivor).then().statusCode(200).body("data.status", contains("denied"))
                .body("data[0].mergedFrom", equalTo(duplicate));
        admin(tenant).when().get("/v1/contacts/{id}/consents/history", duplicate).then().statusCode(200).body("data.status", contains("denied"));
        admin(tenant).when().get("/v1/segments/{id}/members", segment).then().body("data.id", contains(survivor));
        admin(tenant).queryParam("types", "contact.merged").when().get("/v1/events").then().statusCode(200)
                .body("data.entityId", contains(survivor)).body("data[0].payload.mergedIds", contains(duplicate));
    }

    @Test
    void preferPicksTheWinningRecordPerFieldAndADryRunChangesNothing() {
        twoAnas();
        int events = Seed.eventCount(tenant);
        merge(survivor, Map.of("mergeIds", List.of(duplicate), "dryRun", true, "prefer", Map.of("firstName", duplicate)))
                .statusCode(200).body("dryRun", equalTo(true))
                .body("result.firstName", equalTo("Anna")).body("filledFrom.firstName", equalTo(duplicate))
                .body("result.email", equalTo("ana@acme.es"));
        assertEquals(events, Seed.eventCount(tenant));
        admin(tenant).when().get("/v1/contacts/{id}", duplicate).then().body("mergedInto", nullValue()).body("archivedAt", nullValue());
        admin(tenant).when().get("/v1/contacts/{id}", survivor).then().body("firstName", equalTo("Ana")).body("version", equalTo(0));

        merge(survivor, Map.of("mergeIds", List.of(duplicate), "prefer", Map.of("firstName", duplicate))).statusCode(200);
        admin(tenant).when().get("/v1/contacts/{id}", survivor).then().body("firstName", equalTo("Anna"));
    }

    @Test
    void badMergesAreRefusedPreciselyAndChangeNothing() {
        twoAnas();
        String other = Seed.contact(tenant, Bodies.contact().firstName("Otra").externalId("crm-9").build());
        String foreign = Seed.contact(newTenant(), "Ext", "Raña");
        int events = Seed.eventCount(tenant);

        merge(survivor, Map.of("mergeIds", List.of(survivor))).spec(Problems.problem(400)).body("errors[0].code", equalTo("self"));
        merge(survivor, Map.of("mergeIds", List.of(duplicate, duplicate))).spec(Problems.problem(400));
        merge(survivor, Map.of("mergeIds", List.of())).spec(Problems.problem(400));
        merge(survivor, Map.of("mergeIds", List.of(foreign))).spec(Problems.problem(404));
        merge(survivor, Map.of("mergeIds", List.of(duplicate), "prefer", Map.of("shoeSize", duplicate))).spec(Problems.problem(400));
        merge(survivor, Map.of("mergeIds", List.of(duplicate), "prefer", Map.of("phone", other))).spec(Problems.problem(400));
        merge(duplicate, Map.of("mergeIds", List.of(other))).spec(Problems.problem(409)).body("errors[0].field", equalTo("externalId"));
        assertEquals(events, Seed.eventCount(tenant));

        merge(survivor, Map.of("mergeIds", List.of(duplicate))).statusCode(200);
        merge(other, Map.of("mergeIds", List.of(duplicate))).spec(Problems.problem(409)).body("errors[0].code", equalTo("already_merged"));
        merge(duplicate, Map.of("mergeIds", List.of(other))).spec(Problems.problem(409));
    }

    @Test
    void companiesMergeAndTheirContactsAndDealsFollow() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme").domain("acme.es").build());
        String twin = Seed.company(tenant, Bodies.company().name("ACME S.L.").industry("retail").externalId("erp-1").build());
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").companyId(twin).build());
        String deal = create("/v1/deals", Map.of("name", "Shoes", "amount", "100", "currency", "EUR", "companyId", twin));

        admin(tenant).body(Map.of("mergeIds", List.of(twin))).when().post("/v1/companies/{id}/merge", acme).then().statusCode(200)
                .body("result.industry", equalTo("retail")).body("result.name", equalTo("Acme"))
                .body("moved.contacts", equalTo(1)).body("moved.deals", equalTo(1));
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("companyId", equalTo(acme));
        admin(tenant).when().get("/v1/deals/{id}", deal).then().body("companyId", equalTo(acme));
        admin(tenant).when().get("/v1/companies/{id}", twin).then().body("mergedInto", equalTo(acme));
        admin(tenant).when().get("/v1/companies").then().body("data.id", not(hasItem(twin))).body("data.id", containsInAnyOrder(acme));
        admin(tenant).when().get("/v1/companies/{id}", acme).then().body("externalId", equalTo("erp-1"));
    }
}
