package dev.torre.platform.access;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Every object type under the access policy: the teams' default reads and writes, and deal amounts kept from service. */
@QuarkusTest
class ObjectAccessTest {

    private final String tenant = newTenant();
    private String deal;
    private String service;
    private String finance;

    @BeforeEach
    void aDealAndAnOrder() {
        deal = admin(tenant).body(Map.of("name", "Roof repair", "amount", "1200.50", "currency", "EUR", "externalId", "crm-7"))
                .when().post("/v1/deals").then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "8", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201);
        service = Tokens.of(tenant, "service", null);
        finance = Tokens.of(tenant, "finance", null);
    }

    private String order() {
        return admin(tenant).body(Map.of("externalId", "#1", "email", "buyer@example.com", "status", "paid", "currency", "EUR",
                "lines", List.of(Map.of("sku", "MUG", "quantity", 2)))).when().post("/v1/orders").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void everyTypeIsGovernedWithTheTeamsDefaults() {
        admin(tenant).when().get("/v1/access-policy").then().statusCode(200)
                .body("objectTypes.name", hasItems("deal", "product", "order", "interaction", "ticket", "task"))
                .body("data.find { it.role == 'service' && it.objectType == 'deal' }.hiddenFields", contains("amount"))
                .body("data.find { it.role == 'service' && it.objectType == 'ticket' }.write", equalTo(true))
                .body("data.find { it.role == 'finance' && it.objectType == 'order' }.write", equalTo(false))
                .body("data.find { it.role == 'marketing' && it.objectType == 'interaction' }.write", equalTo(true))
                .body("data.find { it.role == 'marketing' && it.objectType == 'order' }.read", equalTo(false));
    }

    @Test
    void serviceReadsDealsWithoutTheirAmount() {
        as(service).when().get("/v1/deals/" + deal).then().statusCode(200)
                .body("$", not(hasKey("amount"))).body("name", equalTo("Roof repair")).body("currency", equalTo("EUR"));
        as(service).when().get("/v1/deals").then().statusCode(200)
                .body("data", not(empty())).body("data", everyItem(not(hasKey("amount"))));
        as(service).body(Map.of("q", "roof")).when().post("/v1/deals/search").then().statusCode(200)
                .body("data", everyItem(not(hasKey("amount"))));
        // the change feed is not service's to read by default; legal reads it, here with amounts hidden too
        admin(tenant).body(Map.of("read", true, "write", false, "hiddenFields", List.of("amount")))
                .when().put("/v1/access-policy/legal/deal").then().statusCode(200);
        as(Tokens.of(tenant, "legal", null)).queryParam("types", "deal.created").when().get("/v1/events").then().statusCode(200)
                .body("data[0].payload.data", not(hasKey("amount")))
                .body("data[0].payload.data.name", equalTo("Roof repair"));
        // a role that may not read deals reads no deal events either (the contact's stay in its feed)
        admin(tenant).body(Map.of("read", false, "write", false)).when().put("/v1/access-policy/legal/deal").then().statusCode(200);
        as(Tokens.of(tenant, "legal", null)).queryParam("types", "deal.*").when().get("/v1/events").then().statusCode(200)
                .body("data", empty());
        as(Tokens.of(tenant, "legal", null)).when().get("/v1/events").then().statusCode(200)
                .body("data.entityType", everyItem(not(equalTo("deal")))).body("data", not(empty()));
        admin(tenant).queryParam("types", "deal.*").when().get("/v1/events").then().statusCode(200).body("data", not(empty()));
        admin(tenant).when().get("/v1/deals/" + deal).then().body("amount", equalTo("1200.50"));
        as(finance).when().get("/v1/deals/" + deal).then().statusCode(200).body("amount", equalTo("1200.50"));
    }

    @Test
    void serviceCannotFilterOrSortDealsByAmount() {
        as(service).queryParam("filter", "amount gt \"1000\"").when().get("/v1/deals").then().spec(problem(400))
                .body("errors[0].code", equalTo("hidden_field"));
        as(service).queryParam("sort", "-amount").when().get("/v1/deals").then().spec(problem(400))
                .body("errors[0].field", equalTo("sort"));
        as(service).body(Map.of("filter", "amount pr")).when().post("/v1/deals/search").then().spec(problem(400));
        as(service).queryParam("filter", "name eq \"Roof repair\"").when().get("/v1/deals").then().statusCode(200)
                .body("data.id", contains(deal));
    }

    @Test
    void graphQLAnswersNullAndForbiddenForADealAmount() {
        GraphQL.as(service, """
                query($id: ID!) { deal(id: $id) { name amount } }
                """, GraphQL.vars("id", deal))
                .body("data.deal.name", equalTo("Roof repair"))
                .body("data.deal.amount", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].path", equalTo(List.of("deal", "amount")));
        GraphQL.as(finance, """
                query($id: ID!) { deal(id: $id) { amount } }
                """, GraphQL.vars("id", deal))
                .body("data.deal.amount", equalTo("1200.50"))
                .body("errors", nullValue());
    }

    /** Batch results carry ids and versions only, and the page read after them follows the policy. */
    @Test
    void batchResultsAndPagesLeaveTheAmountOut() {
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("amount")))
                .when().put("/v1/access-policy/sales/deal").then().statusCode(200);
        String sales = Tokens.of(tenant, "sales", null);
        as(sales).body(Map.of("matchOn", "externalId", "items", List.of(
                Map.of("externalId", "crm-7", "name", "Roof repair and gutters"),
                Map.of("externalId", "crm-8", "name", "Fence", "amount", "300", "currency", "EUR"))))
                .when().post("/v1/deals/batch/upsert").then().statusCode(200)
                .body("results.status", contains("updated", "created"))
                .body("results", everyItem(not(hasKey("amount"))));
        as(sales).queryParam("sort", "name").when().get("/v1/deals").then().statusCode(200)
                .body("data.name", contains("Fence", "Roof repair and gutters"))
                .body("data", everyItem(not(hasKey("amount"))));
        as(service).body(Map.of("matchOn", "externalId", "items", List.of(Map.of("externalId", "crm-9", "name", "No"))))
                .when().post("/v1/deals/batch/upsert").then().spec(problem(403));
    }

    @Test
    void financeReadsOrdersButWritesNoDeal() {
        String order = order();
        as(finance).when().get("/v1/orders/" + order).then().statusCode(200).body("total", equalTo("16.00"));
        as(finance).when().get("/v1/products").then().statusCode(200);
        as(finance).body(Map.of("name", "Nope")).when().post("/v1/deals").then().spec(problem(403));
        as(finance).body(Map.of("name", "Renamed")).when().patch("/v1/deals/" + deal).then().spec(problem(403));
        as(finance).body(Map.of("status", "refunded")).when().patch("/v1/orders/" + order).then().spec(problem(403));
        admin(tenant).when().get("/v1/deals/" + deal).then().body("name", equalTo("Roof repair"));
    }

    @Test
    void aRoleWithoutAccessIsRefused() {
        String order = order();
        as(Tokens.of(tenant, "marketing", null)).when().get("/v1/orders/" + order).then().spec(problem(403));
        as(Tokens.of(tenant, "marketing", null)).when().get("/v1/tickets").then().spec(problem(403));
        as(service).when().get("/v1/orders").then().spec(problem(403));
        as(finance).when().get("/v1/interactions").then().spec(problem(403));
        as(Tokens.of(tenant, "sales", null)).body(Map.of("subject", "Leak")).when().post("/v1/tickets").then().spec(problem(403));
    }

    @Test
    void teamsWriteWhatTheyWork() {
        as(Tokens.of(tenant, "sales", null)).body(Map.of("name", "Gutters")).when().post("/v1/deals").then().statusCode(201);
        as(service).body(Map.of("subject", "Leak")).when().post("/v1/tickets").then().statusCode(201);
        as(service).body(Map.of("title", "Call back")).when().post("/v1/tasks").then().statusCode(201);
        as(service).body(Map.of("name", "Nope")).when().post("/v1/deals").then().spec(problem(403));
    }

    @Test
    void analyticsKeepDealAmountsFromService() {
        as(service).when().get("/v1/analytics/pipeline").then().statusCode(200)
                .body("stages.amounts.flatten()", empty())
                .body("stages.count.sum()", equalTo(1));
        admin(tenant).when().get("/v1/analytics/pipeline").then().statusCode(200)
                .body("stages.amounts.flatten().total", contains("1200.50"));
        as(service).when().get("/v1/analytics/forecast").then().spec(problem(403));
        as(finance).when().get("/v1/analytics/forecast").then().statusCode(200);
    }
}
