package dev.torre.platform.persistence;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.TorreTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * PostgreSQL stopped under a running server (a fast shutdown, then a crash): every request answers 503
 * {@code /problems/unavailable} with Retry-After — REST, GraphQL and readiness alike, never a 500 and never a
 * hang — and once the database is back the same server serves again by itself, with nothing lost. Its own
 * profile gives it its own server and cluster, and the database is started again whatever happens.
 */
@QuarkusTest
@TestProfile(DatabaseRestartTest.Outage.class)
class DatabaseRestartTest {

    /** A short wait for a connection, so that the test's requests during the outage come back quickly. */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "2S",
                    "quarkus.datasource.jdbc.login-timeout", "2S",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "2");
        }
    }

    /** A request that hangs is what this guards against: far above the 2 s the server may wait for a connection. */
    private static final RestAssuredConfig HANG_GUARD = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 30_000).setParam("http.socket.timeout", 30_000));

    private static final Map<String, Object> GRAPHQL_LIST = Map.of("query", "{ contacts { edges { node { id } } } }");

    @Test
    void aFastShutdownIsAnswered503UntilTheDatabaseIsBack() {
        survives(false);
    }

    @Test
    void aCrashedDatabaseIsAnswered503UntilItIsBack() {
        survives(true);
    }

    private void survives(boolean crash) {
        assumeTrue(TorreTestResource.ownsDatabase(), "the suite runs on a database it may not stop");
        String tenant = newTenant();
        String before = admin(tenant).body(Bodies.contact().firstName("Before").build()).when().post("/v1/contacts")
                .then().statusCode(201).extract().path("id");
        List<Integer> afterRestart = new ArrayList<>();
        try {
            TorreTestResource.stopDatabase(crash);

            unavailable(admin(tenant).config(HANG_GUARD).when().get("/v1/contacts"));
            unavailable(admin(tenant).config(HANG_GUARD).body(Bodies.contact().firstName("During").build()).when().post("/v1/contacts"));
            unavailable(admin(tenant).config(HANG_GUARD).when().get("/v1/contacts/{id}", before));
            Response graphql = admin(tenant).config(HANG_GUARD).body(GRAPHQL_LIST).when().post("/graphql");
            graphql.then().statusCode(503).header("Retry-After", notNullValue())
                    .body("errors[0].extensions.code", equalTo("UNAVAILABLE"))
                    .body("errors[0].extensions.retryAfter", notNullValue());
            given().config(HANG_GUARD).when().get("/q/health/ready").then().log().ifValidationFails().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            TorreTestResource.startDatabase();
        }
        // The pool heals by itself: until it has, answers may still be 503, never anything else.
        int status = 503;
        for (int i = 0; i < 120 && status == 503; i++) {
            Response response = admin(tenant).config(HANG_GUARD).when().get("/v1/contacts/{id}", before);
            status = response.statusCode();
            afterRestart.add(status);
            if (status == 503) {
                unavailable(response);
                pause();
            }
        }
        assertEquals(200, status, "statuses after the restart: " + afterRestart);
        String after = admin(tenant).body(Bodies.contact().firstName("After").build()).when().post("/v1/contacts")
                .then().statusCode(201).extract().path("id");
        admin(tenant).when().get("/v1/contacts/{id}", after).then().statusCode(200);
        admin(tenant).body(GRAPHQL_LIST).when().post("/graphql").then().statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.contacts.edges.node.id", org.hamcrest.Matchers.hasItems(before, after));
        given().when().get("/q/health/ready").then().statusCode(200);
        assertTrue(afterRestart.stream().allMatch(s -> s == 200 || s == 503), "statuses after the restart: " + afterRestart);
    }

    private static void unavailable(Response response) {
        response.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/unavailable"))
                .body("status", equalTo(503));
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
