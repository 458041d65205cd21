package dev.torre.order;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/** Orders as real shops send them: old orders of archived or renamed products, huge numbers, odd currencies. */
@QuarkusTest
class OrderRealDataTest {

    private final String tenant = newTenant();
    private String mug;
    private String buyer;

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    @BeforeEach
    void catalogue() {
        mug = admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "8", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("sku", "TEE", "name", "Tee", "price", "20", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201);
        buyer = Seed.contact(tenant, Bodies.contact().email("old@example.com").build());
    }

    private String order(String externalId) {
        return admin(tenant).body("""
                {"externalId":"%s","contactId":"%s","currency":"EUR","lines":[{"sku":"MUG","quantity":2},{"sku":"TEE","quantity":1}]}
                """.formatted(externalId, buyer)).when().post("/v1/orders").then().statusCode(201).extract().path("id");
    }

    @Test
    void anOrderOfAnArchivedProductCanStillBePaidAndRefunded() {
        String id = order("#1");
        admin(tenant).when().delete("/v1/products/{id}", mug).then().statusCode(204);

        admin(tenant).body(Map.of("status", "paid")).when().patch("/v1/orders/{id}", id).then().statusCode(200)
                .body("status", equalTo("paid")).body("lines.sku", contains("MUG", "TEE")).body("total", equalTo("36.00"));
        admin(tenant).body(Map.of("matchOn", "externalId", "items", List.of(Map.of("externalId", "#1", "status", "refunded"))))
                .when().post("/v1/orders/batch/upsert").then().statusCode(200).body("results[0].status", equalTo("updated"));
        admin(tenant).when().get("/v1/orders/{id}", id).then().body("status", equalTo("refunded"))
                .body("lines[0].productId", equalTo(mug));

        // the shop resends the whole order as it was placed: its lines still name the archived product
        admin(tenant).body("""
                {"matchOn":"externalId","items":[{"externalId":"#1","contactId":"%s","currency":"EUR","status":"refunded",
                  "lines":[{"sku":"MUG","quantity":2},{"sku":"TEE","quantity":1}]}]}
                """.formatted(buyer)).when().post("/v1/orders/batch/upsert").then().statusCode(200)
                .body("results[0].status", equalTo("unchanged"));
        // a new line of the archived product is still refused
        admin(tenant).body(Bodies.order().contactId(buyer).currency("EUR").line("MUG", 1).build())
                .when().post("/v1/orders").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("lines[0].sku"));
    }

    @Test
    void anOrderKeepsTheSkuItWasPlacedWithAfterARename() {
        String id = order("#2");
        admin(tenant).body(Map.of("sku", "MUG-BLUE")).when().patch("/v1/products/{id}", mug).then().statusCode(200);

        admin(tenant).body(Map.of("status", "paid")).when().patch("/v1/orders/{id}", id).then().statusCode(200)
                .body("lines.sku", contains("MUG", "TEE"));
        admin(tenant).when().get("/v1/contacts/{id}", buyer).then().body("purchases.orderCount", equalTo(1));
        // changing the quantity of the placed line keeps its product and the price it was placed at
        admin(tenant).body(Map.of("lines", List.of(Map.of("productId", mug, "sku", "MUG", "quantity", 3), Map.of("sku", "TEE", "quantity", 1))))
                .when().patch("/v1/orders/{id}", id).then().statusCode(200).body("total", equalTo("44.00"))
                .body("lines.sku", contains("MUG", "TEE"));
    }

    @Test
    void hugeQuantitiesAndTotalsAreRefusedNamingTheFieldAndSinkNoBatch() {
        admin(tenant).body(Bodies.order().contactId(buyer).currency("EUR").line("MUG", 1000, "1000000000000").build())
                .when().post("/v1/orders").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("lines[0].quantity"))
                .body("errors[0].code", equalTo("out_of_range"));
        admin(tenant).body(Bodies.order().contactId(buyer).currency("EUR").line("MUG", 2_000_000, "1").build()).when().post("/v1/orders").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("lines[0].quantity"));
        // two lines that each fit but together do not
        admin(tenant).body("""
                {"contactId":"%s","currency":"EUR","lines":[{"sku":"MUG","quantity":1000,"unitPrice":"900000000000"},
                 {"sku":"TEE","quantity":1000,"unitPrice":"900000000000"}]}
                """.formatted(buyer)).when().post("/v1/orders").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("total"));

        admin(tenant).body("""
                {"matchOn":"externalId","items":[
                  {"externalId":"#big","contactId":"%1$s","currency":"EUR","lines":[{"sku":"MUG","quantity":1000,"unitPrice":"1000000000000"}]},
                  {"externalId":"#ok","contactId":"%1$s","currency":"EUR","lines":[{"sku":"MUG","quantity":1}]}]}
                """.formatted(buyer)).when().post("/v1/orders/batch/upsert").then().statusCode(200)
                .body("results.status", contains("error", "created"))
                .body("results[0].error.errors[0].field", equalTo("lines[0].quantity"));
        assertEquals(1, Seed.ids(tenant, "orders").size());
    }

    /** The buyer's order of one mug at this price in this currency. */
    private Map<String, Object> oneMug(String currency, String unitPrice) {
        return Bodies.order().contactId(buyer).currency(currency).line("MUG", 1, unitPrice).build();
    }

    @Test
    void amountsFollowTheCurrencysMinorUnitAndTestCodesAreRefused() {
        admin(tenant).body(oneMug("JPY", "100.5")).when().post("/v1/orders").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("lines[0].unitPrice"))
                .body("errors[0].code", equalTo("too_precise"));
        admin(tenant).body(oneMug("EUR", "1.005")).when().post("/v1/orders").then()
                .spec(Problems.problem(400)).body("errors[0].code", equalTo("too_precise"));
        for (String code : List.of("XTS", "XXX", "XAU", "CLF", "USN")) {
            admin(tenant).body(oneMug(code, "1")).when().post("/v1/orders").then()
                    .spec(Problems.problem(400)).body("errors[0].field", equalTo("currency")).body("errors[0].code", equalTo("invalid_currency"));
        }
        admin(tenant).body(oneMug("JPY", "100")).when().post("/v1/orders").then().statusCode(201).body("total", equalTo("100"));
        admin(tenant).body(oneMug("BHD", "1.005")).when().post("/v1/orders").then().statusCode(201).body("total", equalTo("1.005"));
    }

    @Test
    void aFutureDatedOrderStoredBeforeTheRuleCanStillBePaid() {
        TestTime.set("2099-01-01T00:00:00Z"); // as a shop could date it before the rule
        String id = admin(tenant).body(Bodies.order().contactId(buyer).currency("EUR").placedAt("2099-01-01T00:00:00Z").line("MUG", 1).build())
                .when().post("/v1/orders").then().statusCode(201).extract().path("id");
        TestTime.reset();
        admin(tenant).body(Map.of("status", "paid")).when().patch("/v1/orders/{id}", id).then().statusCode(200);
        admin(tenant).body(Map.of("placedAt", "2026-03-01T10:00:00Z")).when().patch("/v1/orders/{id}", id).then().statusCode(200);
        admin(tenant).when().get("/v1/contacts/{id}", buyer).then().body("purchases.lastOrderAt", equalTo("2026-03-01T10:00:00Z"));
    }

    @Test
    void anOrderPlacedInTheFarFutureIsRefused() {
        admin(tenant).body(Bodies.order().contactId(buyer).currency("EUR").placedAt("2099-01-01T00:00:00Z").line("MUG", 1).build())
                .when().post("/v1/orders").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("placedAt")).body("errors[0].code", equalTo("in_future"));
        assertEquals(0, Seed.ids(tenant, "orders").size());
    }
}
