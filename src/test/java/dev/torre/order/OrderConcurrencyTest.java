package dev.torre.order;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.AtOnce;
import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Order writes that run at the same time for the same buyers: the buyers' history counts every order, nobody gets a 412 or 500. */
@QuarkusTest
class OrderConcurrencyTest {

    private static final int WRITERS = 6;

    private final String tenant = newTenant();

    @BeforeEach
    void catalogue() {
        admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "8", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201);
    }

    @Test
    void batchesSharingRepeatBuyersAllSucceedAndTheTotalsCountEveryOrder() throws Exception {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@example.com").build());
        String bea = Seed.contact(tenant, Bodies.contact().email("bea@example.com").build());
        List<Callable<Response>> calls = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            List<Map<String, Object>> items = IntStream.range(0, 20).mapToObj(i -> Bodies.order().externalId("w" + writer + "-" + i)
                    .contactId(i % 2 == 0 ? ana : bea).status("paid").currency("EUR").line("MUG", 1).build()).toList();
            Map<String, Object> body = Map.of("matchOn", "externalId", "items", items);
            calls.add(() -> admin(tenant).body(body).when().post("/v1/orders/batch/upsert"));
        }
        for (Response r : AtOnce.send(calls)) {
            r.then().statusCode(200).body("created", equalTo(20)).body("failed", equalTo(0));
        }
        for (String buyer : List.of(ana, bea)) {
            admin(tenant).when().get("/v1/contacts/{id}", buyer).then().statusCode(200)
                    .body("purchases.orderCount", equalTo(WRITERS * 10))
                    .body("purchases.lifetimeValue[0].amount", equalTo(WRITERS * 10 * 8 + ".00"));
        }
    }

    @Test
    void ordersOfTheSameUnknownEmailAtOnceCreateOneCustomerWithAllTheOrders() throws Exception {
        List<Callable<Response>> calls = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Map<String, Object> body = Bodies.order().externalId("#" + w).email("New.Buyer@example.com").status("paid").currency("EUR")
                    .with("source", "shop").line("MUG", 1).build();
            calls.add(w % 2 == 0
                    ? () -> admin(tenant).body(body).when().post("/v1/orders")
                    : () -> admin(tenant).body(Map.of("matchOn", "externalId", "items", List.of(body))).when().post("/v1/orders/batch/upsert"));
        }
        List<Response> responses = AtOnce.send(calls);
        for (int w = 0; w < WRITERS; w++) {
            if (w % 2 == 0) {
                responses.get(w).then().statusCode(201);
            } else {
                responses.get(w).then().statusCode(200).body("created", equalTo(1));
            }
        }
        List<String> contacts = admin(tenant).queryParam("filter", "email eq \"new.buyer@example.com\"").when().get("/v1/contacts")
                .then().statusCode(200).extract().path("data.id");
        assertEquals(1, contacts.size(), "one customer for the one email");
        admin(tenant).when().get("/v1/contacts/{id}", contacts.getFirst()).then()
                .body("purchases.orderCount", equalTo(WRITERS)).body("lifecycleStage", equalTo("customer"));
    }
}
