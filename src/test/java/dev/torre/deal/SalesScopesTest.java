package dev.torre.deal;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Sales scopes and versions: a shop's token syncs orders (and their buyers) and nothing else; ETags guard deals. */
@QuarkusTest
class SalesScopesTest {

    private final String tenant = newTenant();

    @Test
    void aShopTokenSyncsOrdersWithTheirBuyersButTouchesNoDeal() {
        admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "8", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201);
        String shop = Tokens.of(tenant, "admin", "orders:read orders:write");
        as(shop).body(Map.of("matchOn", "externalId", "items", List.of(Map.of("externalId", "#9", "email", "new@shop.test",
                "status", "paid", "currency", "EUR", "lines", List.of(Map.of("sku", "MUG", "quantity", 1))))))
                .when().post("/v1/orders/batch/upsert").then().statusCode(200).body("created", equalTo(1));
        as(shop).body(Map.of("name", "Nope")).when().post("/v1/deals").then().spec(Problems.problem(403));
        as(shop).when().get("/v1/analytics/forecast").then().spec(Problems.problem(403));
        as(Tokens.readonly(tenant)).when().get("/v1/analytics/pipeline").then().statusCode(200);
        as(Tokens.readonly(tenant)).body(Map.of("name", "Nope")).when().post("/v1/deals").then().spec(Problems.problem(403));
    }

    @Test
    void dealsCarryETags() {
        String id = Sales.deal(tenant, Bodies.deal().name("Tagged"));
        admin(tenant).header("If-None-Match", "\"0\"").when().get("/v1/deals/{id}", id).then().statusCode(304);
        admin(tenant).header("If-Match", "\"0\"").body(Map.of("name", "Renamed")).when().patch("/v1/deals/{id}", id)
                .then().statusCode(200).header("ETag", startsWith("\"1"));
        admin(tenant).header("If-Match", "\"0\"").body(Map.of("name", "Stale")).when().patch("/v1/deals/{id}", id)
                .then().spec(Problems.problem(412));
        admin(tenant).header("Idempotency-Key", "k-deal").body(Map.of("name", "Once")).when().post("/v1/deals").then().statusCode(201);
        admin(tenant).header("Idempotency-Key", "k-deal").body(Map.of("name", "Once")).when().post("/v1/deals").then().statusCode(201)
                .header("Idempotent-Replayed", "true");
    }
}
