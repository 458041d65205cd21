package dev.torre.deal;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.TestTime;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** /v1/deals: defaults from the pipeline, money rules, stage moves with their history, closedAt and events. */
@QuarkusTest
class DealApiTest {

    private final String tenant = newTenant();

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    @Test
    void aNewDealStartsInTheFirstStageOfTheDefaultPipeline() {
        Map<String, String> stages = Sales.stages(tenant);
        assertEquals(List.of("Prospecting", "Qualification", "Proposal", "Negotiation", "Won", "Lost"), List.copyOf(stages.keySet()));

        admin(tenant).body("""
                {"name":"Acme renewal","amount":"12000.5","currency":"eur","expectedCloseDate":"2025-06-30"}
                """).when().post("/v1/deals").then().statusCode(201)
                .header("Location", containsString("/v1/deals/"))
                .body("stageId", equalTo(stages.get("Prospecting")))
                .body("pipelineId", equalTo(Sales.defaultPipeline(tenant).getString("id")))
                .body("amount", equalTo("12000.50"))
                .body("currency", equalTo("EUR"))
                .body("probability", equalTo(0.1f))
                .body("probabilityOverridden", equalTo(false))
                .body("status", equalTo("open"))
                .body("closedAt", nullValue())
                .body("stageChangedAt", notNullValue());
        assertEquals(1, admin(tenant).when().get("/v1/pipelines").then().extract().jsonPath().getList("data").size(),
                "the default pipeline is created once");
    }

    @Test
    void movingToWonOrLostClosesTheDealAndReopeningClearsIt() {
        Map<String, String> stages = Sales.stages(tenant);
        String id = Sales.deal(tenant, Bodies.deal().name("Big one").amount("100", "USD"));

        admin(tenant).body(Map.of("stageId", stages.get("Won"))).when().patch("/v1/deals/{id}", id).then().statusCode(200)
                .body("status", equalTo("won")).body("probability", equalTo(1)).body("closedAt", notNullValue());
        admin(tenant).body(Map.of("stageId", stages.get("Lost"))).when().patch("/v1/deals/{id}", id)
                .then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("lostReason")).body("errors[0].code", equalTo("required"));
        admin(tenant).body(Map.of("stageId", stages.get("Lost"), "lostReason", "Price")).when().patch("/v1/deals/{id}", id)
                .then().statusCode(200).body("status", equalTo("lost")).body("lostReason", equalTo("Price"));
        admin(tenant).body(Map.of("stageId", stages.get("Proposal"))).when().patch("/v1/deals/{id}", id).then().statusCode(200)
                .body("closedAt", nullValue()).body("probability", equalTo(0.5f));

        admin(tenant).when().get("/v1/deals/{id}/stage-history", id).then().statusCode(200)
                .body("data.fromStageId", contains(null, stages.get("Prospecting"), stages.get("Won"), stages.get("Lost")))
                .body("data.toStageId", contains(stages.get("Prospecting"), stages.get("Won"), stages.get("Lost"), stages.get("Proposal")))
                .body("data.changedBy", contains("tester", "tester", "tester", "tester"));
        List<String> types = admin(tenant).queryParam("types", "deal.created,deal.updated,deal.stage_changed,deal.won,deal.lost")
                .when().get("/v1/events").then().statusCode(200).extract().path("data.type");
        assertEquals(List.of("deal.created", "deal.updated", "deal.stage_changed", "deal.won", "deal.updated", "deal.stage_changed",
                "deal.lost", "deal.updated", "deal.stage_changed"), types);
    }

    @Test
    void aStageOfAnotherPipelineIsRefused() {
        Map<String, String> stages = Sales.stages(tenant);
        String other = admin(tenant).body("""
                {"name":"Renewals","stages":[{"name":"Due","kind":"open","probability":0.6},{"name":"Renewed","kind":"won"}]}
                """).when().post("/v1/pipelines").then().statusCode(201).extract().path("id");

        admin(tenant).body(Map.of("name", "X", "pipelineId", other, "stageId", stages.get("Proposal")))
                .when().post("/v1/deals").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("stageId")).body("errors[0].code", equalTo("wrong_pipeline"));
        assertEquals(0, Seed.ids(tenant, "deals").size());
    }

    @Test
    void moneyIsADecimalStringInAKnownCurrency() {
        admin(tenant).body(Map.of("name", "X", "amount", "10", "currency", "EUX")).when().post("/v1/deals")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("currency"))
                .body("errors[0].code", equalTo("invalid_currency"));
        admin(tenant).body(Map.of("name", "X", "amount", "10.12345", "currency", "EUR")).when().post("/v1/deals")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("amount"))
                .body("errors[0].code", equalTo("too_precise"));
        admin(tenant).body(Map.of("name", "X", "amount", "-1", "currency", "EUR")).when().post("/v1/deals")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("amount"));
        admin(tenant).body(Map.of("name", "X", "amount", "ten", "currency", "EUR")).when().post("/v1/deals")
                .then().spec(Problems.problem(400)).body("errors[0].code", equalTo("invalid_amount"));
        admin(tenant).body(Map.of("name", "X", "amount", "10")).when().post("/v1/deals")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("currency"));
        admin(tenant).body(Map.of("name", "X", "probability", 0.12345)).when().post("/v1/deals")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("probability"));
        admin(tenant).body(Map.of("name", "Yen", "amount", "1500.0000", "currency", "JPY")).when().post("/v1/deals")
                .then().statusCode(201).body("amount", equalTo("1500"));
        assertEquals(1, Seed.ids(tenant, "deals").size());
    }

    @Test
    void contactsTakePartWithARole() {
        String ana = Seed.contact(tenant, "Ana", "Ruiz");
        String bea = Seed.contact(tenant, "Bea", "Soler");
        String company = Seed.company(tenant, Bodies.company().name("Acme").build());
        String id = Sales.deal(tenant, Bodies.deal().name("Deal").contactId(ana).companyId(company)
                .with("contacts", List.of(Map.of("contactId", ana, "role", "decision maker"), Map.of("contactId", bea, "role", "billing"))));
        admin(tenant).body(Bodies.deal().with("contacts", List.of(Map.of("contactId", bea, "role", "champion"))).build())
                .when().patch("/v1/deals/{id}", id)
                .then().statusCode(200).body("contacts.contactId", contains(bea)).body("contacts.role", contains("champion"));
        admin(tenant).when().get("/v1/deals/{id}", id).then().body("contacts.role", contains("champion"));

        String stranger = Seed.contact(newTenant(), "Other", "Tenant");
        admin(tenant).body(Bodies.deal().with("contacts", List.of(Map.of("contactId", stranger))).build()).when().patch("/v1/deals/{id}", id)
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("contacts[0].contactId"))
                .body("errors[0].code", equalTo("not_found"));
    }

    @Test
    void filtersByAmountStageOwnerAndDaysInStage() {
        Map<String, String> stages = Sales.stages(tenant);
        TestTime.set(Instant.now().minus(Duration.ofDays(40)).toString());
        String stale = Sales.deal(tenant, Bodies.deal().name("Stale").amount("5000", "EUR").ownerId("ana"));
        TestTime.reset();
        String fresh = Sales.deal(tenant, Bodies.deal().name("Fresh").amount("900", "EUR").ownerId("bea").stageId(stages.get("Proposal")));

        admin(tenant).queryParam("filter", "stageAge gt 30").when().get("/v1/deals").then().statusCode(200)
                .body("data.id", contains(stale));
        admin(tenant).queryParam("filter", "amount ge 1000 and amount le 10000").when().get("/v1/deals").then()
                .body("data.id", contains(stale));
        admin(tenant).queryParam("filter", "stageId eq \"" + stages.get("Proposal") + "\"").when().get("/v1/deals").then()
                .body("data.id", contains(fresh));
        admin(tenant).queryParam("filter", "ownerId eq \"ana\"").queryParam("sort", "-amount").when().get("/v1/deals").then()
                .body("data.id", contains(stale));
        admin(tenant).body(Map.of("q", "fresh")).when().post("/v1/deals/search").then().statusCode(200)
                .body("data.id", contains(fresh));
        admin(tenant).queryParam("filter", "nonsense eq 1").when().get("/v1/deals").then().spec(Problems.problem(400));
    }

    @Test
    void pagesByAmountIncludingDealsWithoutOne() {
        String small = Sales.deal(tenant, Bodies.deal().name("S").amount("5", "EUR"));
        String none = Sales.deal(tenant, Bodies.deal().name("N"));
        String big = Sales.deal(tenant, Bodies.deal().name("B").amount("50", "EUR"));
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = admin(tenant).queryParam("sort", "amount").queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            io.restassured.path.json.JsonPath page = request.when().get("/v1/deals").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getString("next");
        } while (cursor != null);
        assertEquals(3, seen.size());
        assertEquals(List.of(small, big), seen.stream().filter(id -> !id.equals(none)).toList());
    }

    @Test
    void anotherTenantsDealIsNotFound() {
        String id = Sales.deal(tenant, Bodies.deal().name("Mine"));
        String other = newTenant();
        admin(other).when().get("/v1/deals/{id}", id).then().spec(Problems.problem(404));
        admin(other).body(Map.of("name", "Theirs")).when().patch("/v1/deals/{id}", id).then().spec(Problems.problem(404));
        admin(other).when().get("/v1/deals/{id}/stage-history", id).then().spec(Problems.problem(404));
        String pipeline = Sales.defaultPipeline(tenant).getString("id");
        admin(other).when().get("/v1/pipelines/{id}", pipeline).then().spec(Problems.problem(404));
        String stage = Sales.stages(tenant).get("Won");
        admin(other).body(Map.of("name", "Theirs", "stageId", stage)).when().post("/v1/deals").then().spec(Problems.problem(400))
                .body("errors[0].code", equalTo("not_found"));
    }

    @Test
    void archivingRecordsAnEventAndHidesTheDeal() {
        String id = Sales.deal(tenant, Bodies.deal().name("Gone"));
        admin(tenant).when().delete("/v1/deals/{id}", id).then().statusCode(204);
        admin(tenant).when().get("/v1/deals").then().body("data", hasSize(0));
        admin(tenant).queryParam("types", "deal.archived").when().get("/v1/events").then().body("data.entityId", contains(id));
    }

    @Test
    void batchUpsertIsIdempotent() {
        String items = """
                {"matchOn":"externalId","items":[
                  {"externalId":"crm-1","name":"One","amount":"10.10","currency":"EUR"},
                  {"externalId":"crm-2","name":"Two","amount":"1.123456","currency":"EUR"}]}
                """;
        admin(tenant).body(items).when().post("/v1/deals/batch/upsert").then().statusCode(200)
                .body("results.status", contains("created", "error"))
                .body("results[1].error.errors[0].code", equalTo("too_precise"));
        admin(tenant).body(items).when().post("/v1/deals/batch/upsert").then().statusCode(200)
                .body("results.status", contains("unchanged", "error"));
        admin(tenant).body(Map.of("matchOn", "externalId", "items", List.of(Map.of("externalId", "crm-1", "amount", "10.1"))))
                .when().post("/v1/deals/batch/upsert").then().body("results.status", contains("unchanged"));
    }
}
