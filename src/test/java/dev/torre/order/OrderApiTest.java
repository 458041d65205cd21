package dev.torre.order;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** Products and orders: lines and totals checked, status moving only forward, the buyer's history kept. */
@QuarkusTest
class OrderApiTest {

    private final String tenant = newTenant();

    @BeforeEach
    void catalogue() {
        product("TEE-RED", "Red tee", "19.90", "EUR");
        product("MUG", "Mug", "8", "EUR");
    }

    private void product(String sku, String name, String price, String currency) {
        admin(tenant).body(Map.of("sku", sku, "name", name, "price", price, "currency", currency)).when().post("/v1/products")
                .then().statusCode(201);
    }

    private String order(Bodies.Order order) {
        return admin(tenant).body(order.build()).when().post("/v1/orders").then().statusCode(201).extract().path("id");
    }

    @Test
    void productsHaveUniqueSkusAndRealCurrencies() {
        admin(tenant).body(Map.of("sku", "MUG", "name", "Other mug", "price", "9", "currency", "EUR")).when().post("/v1/products")
                .then().spec(Problems.problem(409)).body("errors[0].field", equalTo("sku"));
        admin(tenant).body(Map.of("sku", "CAP", "name", "Cap", "price", "9", "currency", "EURO")).when().post("/v1/products")
                .then().spec(Problems.problem(400)).body("errors[0].code", equalTo("invalid_currency"));
        admin(tenant).queryParam("filter", "price lt 10").when().get("/v1/products").then().statusCode(200)
                .body("data.sku", contains("MUG")).body("data[0].price", equalTo("8.00"));
    }

    @Test
    void anUnknownEmailCreatesTheBuyerAsACustomerOfTheShop() {
        String id = admin(tenant).body("""
                {"externalId":"#1001","email":"Lucia@Example.com","status":"paid","currency":"EUR","source":"shopify",
                 "lines":[{"sku":"TEE-RED","quantity":2},{"sku":"MUG","quantity":1,"unitPrice":"7.5","discount":"0.5"}],
                 "total":"46.80","placedAt":"2025-03-01T10:00:00Z"}
                """).when().post("/v1/orders").then().statusCode(201)
                .body("total", equalTo("46.80"))
                .body("lines.total", contains("39.80", "7.00"))
                .body("lines.unitPrice", contains("19.90", "7.50"))
                .body("status", equalTo("paid"))
                .extract().path("id");
        String contact = admin(tenant).when().get("/v1/orders/{id}", id).then().extract().path("contactId");
        admin(tenant).when().get("/v1/contacts/{id}", contact).then().statusCode(200)
                .body("email", equalTo("lucia@example.com"))
                .body("lifecycleStage", equalTo("customer"))
                .body("source.utmSource", equalTo("shopify"))
                .body("purchases.orderCount", equalTo(1))
                .body("purchases.lifetimeValue", equalTo(List.of(Map.of("amount", "46.80", "currency", "EUR"))))
                .body("purchases.firstOrderAt", equalTo("2025-03-01T10:00:00Z"));
    }

    /** An order by a buyer not stored yet, of one line at the product's own price. */
    private static Bodies.Order byNobody(String currency, String sku, int quantity) {
        return Bodies.order().email("nobody@example.com").currency(currency).line(sku, quantity);
    }

    @Test
    void badOrdersAreRefusedAndWriteNothing() {
        admin(tenant).body(byNobody("EUR", "TEE-RED", 2).total("40.00").build()).when().post("/v1/orders")
                .then().spec(Problems.problem(422)).body("type", equalTo("/problems/total-mismatch"))
                .body("detail", containsString("39.80")).body("errors[0].field", equalTo("total"));
        admin(tenant).body(byNobody("EUR", "NOPE", 1).build()).when().post("/v1/orders")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("lines[0].sku"))
                .body("errors[0].code", equalTo("not_found"));
        admin(tenant).body(byNobody("EUR", "MUG", -1).build()).when().post("/v1/orders")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("lines[0].quantity"));
        admin(tenant).body(byNobody("XXY", "MUG", 1).build()).when().post("/v1/orders")
                .then().spec(Problems.problem(400)).body("errors[0].code", equalTo("invalid_currency"));
        admin(tenant).body(byNobody("USD", "MUG", 1).build()).when().post("/v1/orders")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("lines[0].unitPrice"));
        admin(tenant).body(Bodies.order().email("nobody@example.com").currency("EUR").line("MUG", 1, "1.00001").build())
                .when().post("/v1/orders").then().spec(Problems.problem(400)).body("errors[0].code", equalTo("too_precise"));
        assertEquals(0, Seed.ids(tenant, "orders").size());
        assertEquals(0, Seed.ids(tenant, "contacts").size(), "no buyer was created for a refused order");
    }

    @Test
    void statusMovesOnlyForward() {
        String buyer = Seed.contact(tenant, Bodies.contact().email("ana@example.com").build());
        String id = order(Bodies.order().contactId(buyer).currency("EUR").line("MUG", 3));
        admin(tenant).when().get("/v1/contacts/{id}", buyer).then().body("lifecycleStage", equalTo("lead"))
                .body("purchases.orderCount", equalTo(0));
        admin(tenant).body(Map.of("status", "paid")).when().patch("/v1/orders/{id}", id).then().statusCode(200);
        admin(tenant).when().get("/v1/contacts/{id}", buyer).then().body("lifecycleStage", equalTo("customer"))
                .body("purchases.orderCount", equalTo(1));
        admin(tenant).body(Map.of("status", "refunded")).when().patch("/v1/orders/{id}", id).then().statusCode(200);
        admin(tenant).body(Map.of("status", "paid")).when().patch("/v1/orders/{id}", id).then().spec(Problems.problem(409))
                .body("type", equalTo("/problems/invalid-transition")).body("errors[0].field", equalTo("status"));
        admin(tenant).when().get("/v1/orders/{id}", id).then().body("status", equalTo("refunded"));
        admin(tenant).when().get("/v1/contacts/{id}", buyer).then().body("lifecycleStage", equalTo("customer"))
                .body("purchases.orderCount", equalTo(0)).body("purchases.lifetimeValue", hasSize(0));
        admin(tenant).body(Map.of("lines", List.of(Map.of("sku", "MUG", "quantity", 1)))).when().patch("/v1/orders/{id}", id)
                .then().statusCode(200).body("total", equalTo("8.00"));
    }

    @Test
    void anEvangelistStaysOneAndValueIsKeptPerCurrency() {
        String buyer = Seed.contact(tenant, Bodies.contact().email("eva@example.com").lifecycleStage("evangelist").build());
        order(Bodies.order().email("eva@example.com").status("paid").currency("EUR").placedAt("2025-01-05T00:00:00Z").line("MUG", 2));
        order(Bodies.order().contactId(buyer).status("fulfilled").currency("USD").placedAt("2025-02-05T00:00:00Z").line("MUG", 1, "10"));
        order(Bodies.order().contactId(buyer).status("paid").currency("EUR").placedAt("2025-03-05T00:00:00Z").line("TEE-RED", 1));
        order(Bodies.order().contactId(buyer).status("cancelled").currency("EUR").line("TEE-RED", 9));
        admin(tenant).when().get("/v1/contacts/{id}", buyer).then()
                .body("lifecycleStage", equalTo("evangelist"))
                .body("purchases.orderCount", equalTo(3))
                .body("purchases.firstOrderAt", equalTo("2025-01-05T00:00:00Z"))
                .body("purchases.lastOrderAt", equalTo("2025-03-05T00:00:00Z"))
                .body("purchases.lifetimeValue.currency", contains("EUR", "USD"))
                .body("purchases.lifetimeValue.amount", contains("35.90", "10.00"));
        admin(tenant).queryParam("sort", "-placedAt").when().get("/v1/contacts/{id}/orders", buyer).then().statusCode(200)
                .body("data", hasSize(4)).body("data[1].placedAt", equalTo("2025-03-05T00:00:00Z"));
        admin(newTenant()).when().get("/v1/contacts/{id}/orders", buyer).then().spec(Problems.problem(404));
    }

    @Test
    void batchUpsertIsIdempotentAndFailsItemsAlone() {
        String batch = """
                {"matchOn":"externalId","items":[
                  {"externalId":"#1","email":"a@shop.test","status":"paid","currency":"EUR","placedAt":"2025-04-01T09:00:00Z","lines":[{"sku":"MUG","quantity":1}],"total":"8"},
                  {"externalId":"#2","email":"a@shop.test","status":"pending","currency":"EUR","placedAt":"2025-04-02T09:00:00Z","lines":[{"sku":"TEE-RED","quantity":1}]},
                  {"externalId":"#3","email":"b@shop.test","currency":"EUR","lines":[{"sku":"GHOST","quantity":1}]},
                  {"externalId":"#4","email":"c@shop.test","currency":"EUR","lines":[{"sku":"MUG","quantity":1}],"total":"9"}]}
                """;
        admin(tenant).body(batch).when().post("/v1/orders/batch/upsert").then().statusCode(200)
                .body("results.status", contains("created", "created", "error", "error"))
                .body("results[2].error.errors[0].field", equalTo("lines[0].sku"))
                .body("results[3].error.status", equalTo(422));
        admin(tenant).body(batch).when().post("/v1/orders/batch/upsert").then().statusCode(200)
                .body("results.status", contains("unchanged", "unchanged", "error", "error"));
        assertEquals(1, Seed.ids(tenant, "contacts").size(), "one buyer for both orders, none for the refused ones");

        admin(tenant).body("""
                {"matchOn":"externalId","items":[{"externalId":"#1","status":"refunded"},{"externalId":"#2","status":"paid"}]}
                """).when().post("/v1/orders/batch/upsert").then().body("results.status", contains("updated", "updated"));
        admin(tenant).body("""
                {"matchOn":"externalId","items":[{"externalId":"#1","status":"paid"}]}
                """).when().post("/v1/orders/batch/upsert").then().body("results.status", contains("error"))
                .body("results[0].error.type", equalTo("/problems/invalid-transition"));
        String buyer = Seed.ids(tenant, "contacts").get(0);
        admin(tenant).when().get("/v1/contacts/{id}", buyer).then().body("purchases.orderCount", equalTo(1))
                .body("purchases.lifetimeValue[0].amount", equalTo("19.90"));
    }

    @Test
    void anotherTenantsOrderIsNotFound() {
        String id = order(Bodies.order().email("x@example.com").currency("EUR").line("MUG", 1));
        String other = newTenant();
        admin(other).when().get("/v1/orders/{id}", id).then().spec(Problems.problem(404));
        admin(other).body(Map.of("status", "paid")).when().patch("/v1/orders/{id}", id).then().spec(Problems.problem(404));
        admin(other).when().get("/v1/orders").then().body("data", hasSize(0));
        admin(tenant).when().get("/v1/orders/{id}", id).then().body("companyId", nullValue());
    }
}
