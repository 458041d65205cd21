package dev.torre.order;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** A contact's purchases and orders over GraphQL, loaded in batches. */
@QuarkusTest
class OrderGraphQLTest {

    private static final String HISTORY = """
            query History($first: Int) {
              contacts(first: $first, sort: ["email"]) {
                edges { node { email purchases { orderCount lifetimeValue { amount currency } } orders(first: 5) { externalId total status lines { sku quantity } } } }
              }
            }
            """;

    private final String tenant = newTenant();

    @Inject
    EntityManagerFactory entityManagerFactory;

    private ValidatableResponse graphql(Map<String, ?> variables) {
        return GraphQL.as(Tokens.admin(tenant), HISTORY, variables);
    }

    @Test
    void contactOrdersAndPurchasesLoadInBatches() {
        admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "8", "currency", "EUR")).when().post("/v1/products").then().statusCode(201);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (int n = 0; n < 2; n++) {
                items.add(Map.of("externalId", "#" + i + "-" + n, "email", "buyer%02d@shop.test".formatted(i), "status", "paid",
                        "currency", "EUR", "lines", List.of(Map.of("sku", "MUG", "quantity", n + 1))));
            }
        }
        admin(tenant).body(Map.of("matchOn", "externalId", "items", items)).when().post("/v1/orders/batch/upsert").then()
                .statusCode(200).body("created", equalTo(40));

        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        // a first query warms the tenant's cached policies (access, property definitions, bulk-read thresholds)
        graphql(Map.of("first", 1)).body("errors", nullValue());
        statistics.clear();
        graphql(Map.of("first", 5)).body("errors", nullValue()).body("data.contacts.edges", hasSize(5));
        long forFive = statistics.getPrepareStatementCount();
        org.junit.jupiter.api.Assertions.assertTrue(forFive > 0, "no statement counted, so the comparison below would prove nothing");
        statistics.clear();
        graphql(Map.of("first", 20)).body("errors", nullValue())
                .body("data.contacts.edges", hasSize(20))
                .body("data.contacts.edges.node.orders", everyItem(hasSize(2)))
                .body("data.contacts.edges[0].node.purchases.orderCount", equalTo(2))
                .body("data.contacts.edges[0].node.purchases.lifetimeValue[0].amount", equalTo("24.00"))
                .body("data.contacts.edges[0].node.orders.total", contains("16.00", "8.00"));
        assertEquals(forFive, statistics.getPrepareStatementCount(), "statements for 5 contacts vs for 20");
    }
}
