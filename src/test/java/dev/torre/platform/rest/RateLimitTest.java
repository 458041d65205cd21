package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.TestTime;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RateLimitTest.TightLimit.class)
class RateLimitTest {

    /** Three requests at once, then one a second. */
    public static class TightLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("torre.rate-limit.per-second", "1", "torre.rate-limit.burst", "3");
        }
    }

    @Test
    void aTenantOverItsRateGets429WithRetryAfterWhileOthersGoOn() {
        String busy = newTenant();
        for (int i = 0; i < 3; i++) {
            admin(busy).when().get("/v1/contacts").then().statusCode(200).header("RateLimit-Limit", equalTo("3"));
        }
        // The bucket refills one token a second; on a slow machine a few more may pass first.
        Response refused = admin(busy).when().get("/v1/contacts");
        for (int i = 0; i < 50 && refused.statusCode() == 200; i++) {
            refused = admin(busy).when().get("/v1/contacts");
        }
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/rate-limited"));

        admin(newTenant()).when().get("/v1/contacts").then().statusCode(200);
    }

    @Test
    void graphQLSharesTheTenantsRateAndAnswers429TheSameWay() {
        TestTime.set(java.time.Instant.now().toString()); // one window, however slowly the machine answers
        String busy = newTenant();
        Map<String, Object> query = GraphQL.request("{ contacts { edges { node { id } } } }");
        admin(busy).body(query).when().post("/graphql").then().statusCode(200)
                .header("RateLimit-Limit", equalTo("3")).header("RateLimit-Remaining", notNullValue());
        Response refused = admin(busy).body(query).when().post("/graphql");
        for (int i = 0; i < 50 && refused.statusCode() == 200; i++) {
            refused = admin(busy).body(query).when().post("/graphql");
        }
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header("RateLimit-Limit", equalTo("3"))
                .header("RateLimit-Remaining", equalTo("0"))
                .body("type", equalTo("/problems/rate-limited"));
        // REST and GraphQL draw on one bucket per tenant
        admin(busy).when().get("/v1/contacts").then().statusCode(429);
        admin(newTenant()).body(query).when().post("/graphql").then().statusCode(200);
    }

    @Test
    void aForgedTokenCannotSpendAnotherTenantsRate() {
        String victim = newTenant();
        Map<String, Object> query = GraphQL.request("{ contacts { edges { node { id } } } }");
        String forged = dev.torre.testing.Tokens.foreign(victim);
        for (int i = 0; i < 10; i++) {
            dev.torre.testing.Api.as(forged).body(query).when().post("/graphql")
                    .then().statusCode(401);
        }
        admin(victim).body(query).when().post("/graphql").then().statusCode(200);
    }

    @Test
    void remainingCountsDownToZeroThenA429NamesTheSecondsLeftInTheWindow() {
        String busy = newTenant();
        // a window is burst / per-second = 3 s long, aligned to the epoch: this instant starts one
        TestTime.set("2026-12-07T10:00:00Z");
        for (int left = 2; left >= 0; left--) {
            admin(busy).when().get("/v1/contacts").then().statusCode(200)
                    .header("RateLimit-Limit", "3").header("RateLimit-Remaining", Integer.toString(left));
        }
        admin(busy).when().get("/v1/contacts").then().statusCode(429)
                .header("RateLimit-Remaining", "0").header("Retry-After", "3").body("type", equalTo("/problems/rate-limited"));

        TestTime.advance(java.time.Duration.ofSeconds(2));
        admin(busy).when().get("/v1/contacts").then().statusCode(429).header("Retry-After", "1");

        TestTime.advance(java.time.Duration.ofSeconds(1));
        admin(busy).when().get("/v1/contacts").then().statusCode(200).header("RateLimit-Remaining", "2");
    }

    @AfterEach
    void realTime() {
        TestTime.reset();
    }
}
