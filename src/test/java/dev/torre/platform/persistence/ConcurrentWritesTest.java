package dev.torre.platform.persistence;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import dev.torre.testing.AtOnce;
import dev.torre.testing.Bodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Many callers writing the same records at the same moment, through the real server: optimistic concurrency lets
 * exactly one change through, an idempotency key stores one record and gives every retry the same answer, and
 * batch upserts over the same keys neither deadlock in a caller's face nor store a key twice.
 */
@QuarkusTest
class ConcurrentWritesTest {

    private final String tenant = newTenant();

    @Test
    void fiftyPatchesWithTheSameIfMatchLetExactlyOneThrough() throws Exception {
        Response created = admin(tenant).body(Map.of("firstName", "Ana")).when().post("/v1/contacts");
        created.then().statusCode(201);
        String id = created.path("id");
        String etag = created.header("ETag");

        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "Writer " + i;
            calls.add(() -> admin(tenant).contentType("application/merge-patch+json").header("If-Match", etag)
                    .body(Map.of("lastName", name)).when().patch("/v1/contacts/{id}", id));
        }
        List<Response> responses = AtOnce.send(calls);

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one change wins: " + statuses);
        assertEquals(49, statuses.stream().filter(s -> s == 412).count(), "the rest are told their version is stale: " + statuses);
        Response winner = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        for (Response r : responses) {
            if (r.statusCode() == 412) {
                r.then().contentType("application/problem+json").body("type", equalTo("/problems/precondition-failed"));
            }
        }
        admin(tenant).when().get("/v1/contacts/{id}", id).then().statusCode(200)
                .header("ETag", equalTo(winner.header("ETag")))
                .body("lastName", equalTo(winner.path("lastName")));
    }

    @Test
    void tenPostsWithOneIdempotencyKeyStoreOneRecordAndAnswerAlike() throws Exception {
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> admin(tenant).header("Idempotency-Key", "order-form-42")
                    .body(Map.of("firstName", "Once", "email", "once@example.com")).when().post("/v1/contacts"));
        }
        List<Response> responses = AtOnce.send(calls);

        Response first = responses.getFirst();
        first.then().statusCode(201);
        for (Response r : responses) {
            assertEquals(201, r.statusCode(), r.asString());
            assertEquals(first.path("id").toString(), r.path("id").toString());
            assertEquals(first.jsonPath().getMap(""), r.jsonPath().getMap(""), "the same body for every retry");
            assertEquals(first.header("ETag"), r.header("ETag"));
            assertEquals(first.header("Location"), r.header("Location"));
        }
        int stored = admin(tenant).when().get("/v1/contacts").then().statusCode(200).extract().path("data.size()");
        assertEquals(1, stored, "one record stored");
    }

    @Test
    void batchUpsertsOverTheSameKeysNeitherDeadlockInACallersFaceNorDuplicate() throws Exception {
        int keys = 200;
        int writers = 4;
        int rounds = 3;
        Random random = new Random(18);
        for (int round = 0; round < rounds; round++) {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                // each writer sends the keys in its own order, so that row locks are taken in different orders
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
                Collections.shuffle(order, random);
                List<Map<String, Object>> items = new ArrayList<>();
                for (int k : order) {
                    items.add(Bodies.contact().externalId("key-" + k).firstName("W" + w + " R" + round).build());
                }
                Map<String, Object> body = Map.of("matchOn", "externalId", "items", items);
                calls.add(() -> admin(tenant).body(body).when().post("/v1/contacts/batch/upsert"));
            }
            for (Response r : AtOnce.send(calls)) {
                assertEquals(200, r.statusCode(), () -> "round answered " + r.statusCode() + ": " + r.asString());
                List<String> statuses = r.path("results.status");
                assertEquals(keys, statuses.size());
                assertTrue(statuses.stream().allMatch(s -> Set.of("created", "updated", "unchanged").contains(s)),
                        () -> "every item applied: " + r.asString());
            }
        }
        Set<String> stored = new HashSet<>();
        List<String> externalIds = new ArrayList<>();
        String cursor = null;
        do {
            var request = admin(tenant).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/v1/contacts");
            page.then().statusCode(200);
            externalIds.addAll(page.path("data.externalId"));
            cursor = page.path("next");
        } while (cursor != null);
        stored.addAll(externalIds);
        assertEquals(keys, externalIds.size(), "one record per key");
        assertEquals(keys, stored.size());
    }

    @Test
    void batchUpsertsOverTheSameIdsAllApplyWithoutAConflictTheCallersCouldNotHaveAvoided() throws Exception {
        int records = 100;
        int writers = 4;
        List<Map<String, Object>> seed = new ArrayList<>();
        for (int k = 0; k < records; k++) {
            seed.add(Bodies.contact().externalId("id-" + k).firstName("Seed").build());
        }
        List<String> ids = admin(tenant).body(Map.of("matchOn", "externalId", "items", seed))
                .when().post("/v1/contacts/batch/upsert").then().statusCode(200).extract().path("results.id");
        Random random = new Random(7);
        for (int round = 0; round < 2; round++) {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                List<String> order = new ArrayList<>(ids);
                Collections.shuffle(order, random);
                List<Map<String, Object>> items = new ArrayList<>();
                for (String id : order) {
                    items.add(Bodies.contact().with("id", id).lastName("W" + w + " R" + round).build());
                }
                Map<String, Object> body = Map.of("matchOn", "id", "items", items);
                calls.add(() -> admin(tenant).body(body).when().post("/v1/contacts/batch/upsert"));
            }
            for (Response r : AtOnce.send(calls)) {
                assertEquals(200, r.statusCode(), () -> "round answered " + r.statusCode() + ": " + r.asString());
                List<String> statuses = r.path("results.status");
                assertTrue(statuses.stream().allMatch(s -> s.equals("updated") || s.equals("unchanged")), () -> "every item applied: " + r.asString());
            }
        }
    }
}
