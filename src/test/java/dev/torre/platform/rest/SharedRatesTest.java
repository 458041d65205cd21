package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Rates that hold across instances: two limiters on one database share a window; an API client's own rate on REST and GraphQL. */
@QuarkusTest
class SharedRatesTest {

    @Inject
    DataSource dataSource;

    @Inject
    dev.torre.platform.time.ServerClock clock;

    @AfterEach
    void resetTime() {
        TestTime.reset();
    }

    @Test
    void twoInstancesShareOneLimitWithinTwentyPercent() {
        TestTime.set(Instant.now().toString()); // one window for the whole test
        SharedWindows first = new SharedWindows(dataSource, clock, 20);
        SharedWindows second = new SharedWindows(dataSource, clock, 20);
        String tenant = newTenant();
        int allowed = 0;
        long began = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            SharedWindows instance = i % 3 == 0 ? second : first; // uneven traffic, like behind a load balancer
            if (instance.take(tenant, "tenant", 200, 60).allowed()) {
                allowed++;
            }
        }
        long statements = first.reservations() + second.reservations();
        org.jboss.logging.Logger.getLogger(SharedRatesTest.class).infof("300 requests on two limiters: %d admitted, %d statements, %d ms",
                allowed, statements, java.time.Duration.ofNanos(System.nanoTime() - began).toMillis());
        assertTrue(allowed >= 160 && allowed <= 200, "two instances together admitted " + allowed + " of a limit of 200");
        assertTrue(statements <= 30, "leases, not a statement per request: " + statements);
        // alone, each would have admitted 200: the shared count is what holds them
        SharedWindows third = new SharedWindows(dataSource, clock, 20);
        assertTrue(!third.take(tenant, "tenant", 200, 60).allowed(), "a third instance finds the window spent");
        // the next window starts afresh
        TestTime.advance(java.time.Duration.ofSeconds(60));
        assertTrue(first.take(tenant, "tenant", 200, 60).allowed());
    }

    @Test
    void anApiClientOverItsRateGets429WithRateLimitHeadersOnRestAndGraphQL() {
        TestTime.set(Instant.now().toString());
        String tenant = newTenant();
        var created = admin(tenant).body(Map.of("name", "Busy shop", "scopes", List.of("contacts:read"), "rateLimit", 3))
                .when().post("/v1/api-clients").then().statusCode(201).extract();
        String token = RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", created.<String>path("clientId")).formParam("client_secret", created.<String>path("clientSecret"))
                .when().post("/v1/oauth/token").then().statusCode(200).extract().path("access_token");

        as(token).when().get("/v1/contacts").then().statusCode(200).header("RateLimit-Limit", equalTo("3"))
                .header("RateLimit-Remaining", equalTo("2")).header("RateLimit-Reset", equalTo("1"));
        Map<String, Object> query = Map.of("query", "{ contacts { edges { node { id } } } }");
        as(token).body(query).when().post("/graphql").then().statusCode(200).header("RateLimit-Remaining", equalTo("1"));
        as(token).when().get("/v1/contacts").then().statusCode(200).header("RateLimit-Remaining", equalTo("0"));
        Response refused = as(token).when().get("/v1/contacts");
        refused.then().statusCode(429).contentType("application/problem+json").header("Retry-After", equalTo("1"))
                .header("RateLimit-Limit", equalTo("3")).header("RateLimit-Remaining", equalTo("0"))
                .body("type", equalTo("/problems/rate-limited"));
        as(token).body(query).when().post("/graphql").then().statusCode(429).header("Retry-After", equalTo("1"))
                .header("RateLimit-Reset", equalTo("1"));
        // the tenant's other callers are not held by the client's rate
        admin(tenant).when().get("/v1/contacts").then().statusCode(200);
        // a second later the client may go on
        TestTime.advance(java.time.Duration.ofSeconds(1));
        as(token).when().get("/v1/contacts").then().statusCode(200);
        assertEquals(3, Integer.parseInt(as(token).when().get("/v1/contacts").header("RateLimit-Limit")));
    }
}
