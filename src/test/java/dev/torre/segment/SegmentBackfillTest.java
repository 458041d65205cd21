package dev.torre.segment;

import static dev.torre.segment.SegmentMembershipTest.define;
import static dev.torre.segment.SegmentMembershipTest.fill;
import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A dynamic segment answers at once and is filled by the worker in bounded batches with progress it keeps between
 * passes; filters with relative times ({@code "now-30d"}) are re-evaluated on a schedule as time passes.
 */
@QuarkusTest
class SegmentBackfillTest {

    private final String tenant = newTenant();

    @Inject
    SegmentWorker worker;

    @AfterEach
    void resetClock() {
        TestTime.reset();
    }

    private List<String> members(String segment) {
        return admin(tenant).queryParam("limit", 100).when().get("/v1/segments/{id}/members", segment).then().statusCode(200)
                .extract().path("data.id");
    }

    private List<Map<String, Object>> events(String type) {
        return admin(tenant).queryParam("types", "segment." + type).queryParam("limit", 1000).when().get("/v1/events")
                .then().statusCode(200).extract().path("data.payload");
    }

    @Test
    void creationAnswersAtOnceAndTheWorkerFillsInBoundedBatchesWithProgress() {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leads.add(Seed.contact(tenant, Bodies.contact().email("l" + i + "@acme.es").lifecycleStage("lead").build()));
        }
        Seed.contact(tenant, Bodies.contact().email("s@acme.es").lifecycleStage("subscriber").build());
        Seed.contact(tenant, Bodies.contact().email("t@acme.es").lifecycleStage("subscriber").build());

        String segment = define(tenant, "contact", "lifecycleStage eq \"lead\"");
        admin(tenant).when().get("/v1/segments/{id}", segment).then().statusCode(200).body("status", equalTo("backfilling"))
                .body("memberCount", equalTo(0)).body("backfill.processed", equalTo(0)).body("backfill.total", equalTo(7));
        assertEquals(List.of(), members(segment), "nothing is filled inside the defining request");

        assertEquals(3, worker.sweep(tenant, 3), "a pass stops at its budget");
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("status", equalTo("backfilling"))
                .body("backfill.processed", equalTo(3)).body("memberCount", equalTo(3));
        assertEquals(leads.subList(0, 3), members(segment), "records are visited in id order");

        // the progress is stored: the next pass (on this or another instance, after a restart) goes on from there
        assertEquals(3, worker.sweep(tenant, 3));
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("backfill.processed", equalTo(6));
        assertEquals(1, worker.sweep(tenant, 3), "the short batch ends the backfill");
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("status", equalTo("ready"))
                .body("backfill", nullValue()).body("memberCount", equalTo(5));
        assertEquals(leads, members(segment));
        assertEquals(0, worker.sweep(tenant, 3), "nothing is left to do");

        List<Map<String, Object>> added = events("member_added");
        assertEquals(leads, added.stream().map(p -> p.get("recordId")).toList(), "each member announced once");
        assertTrue(added.stream().allMatch(p -> Boolean.TRUE.equals(p.get("backfill"))), "backfilled members say so: " + added);
    }

    @Test
    void aRecordChangedWhileTheBackfillRunsEndsUpRightAndEventsAfterItAreNotBackfill() {
        String first = Seed.contact(tenant, Bodies.contact().email("a@acme.es").lifecycleStage("lead").build());
        String second = Seed.contact(tenant, Bodies.contact().email("b@acme.es").lifecycleStage("subscriber").build());
        String segment = define(tenant, "contact", "lifecycleStage eq \"lead\"");
        assertEquals(1, worker.sweep(tenant, 1));
        // the backfill has passed the first record; it changes afterwards, and the second changes before it is reached
        admin(tenant).body(Map.of("lifecycleStage", "customer")).when().patch("/v1/contacts/{id}", first).then().statusCode(200);
        admin(tenant).body(Map.of("lifecycleStage", "lead")).when().patch("/v1/contacts/{id}", second).then().statusCode(200);
        fill(tenant);
        while (worker.catchUp(tenant) > 0) {
            // the events of both changes
        }
        assertEquals(List.of(second), members(segment));
        List<Map<String, Object>> removed = events("member_removed");
        assertEquals(List.of(first), removed.stream().map(p -> p.get("recordId")).toList());
        assertEquals(false, removed.getFirst().get("backfill"), "leaving after a change is no backfill");
    }

    @Test
    void aFilterChangedDuringABackfillStartsOver() {
        for (int i = 0; i < 4; i++) {
            Seed.contact(tenant, Bodies.contact().email("c" + i + "@acme." + ((i % 2 == 0 ? "es" : "fr"))).build());
        }
        String segment = define(tenant, "contact", "email ew \".es\"");
        worker.sweep(tenant, 2);
        admin(tenant).body(Map.of("filter", "email ew \".fr\"")).when().patch("/v1/segments/{id}", segment).then()
                .statusCode(200).body("status", equalTo("backfilling")).body("backfill.processed", equalTo(0));
        fill(tenant);
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("status", equalTo("ready")).body("memberCount", equalTo(2));
        assertEquals(2, members(segment).size());
        assertTrue(members(segment).stream().allMatch(id -> admin(tenant).when().get("/v1/contacts/{id}", id).then()
                .extract().<String>path("email").endsWith(".fr")));
    }

    @Test
    void aStaticSegmentIsReadyAtOnce() {
        admin(tenant).body(Map.of("name", "List", "objectType", "contact", "kind", "static")).when().post("/v1/segments")
                .then().statusCode(201).body("status", equalTo("ready")).body("backfill", nullValue());
    }

    @Test
    void relativeTimesAreReevaluatedOnScheduleAndRecordsLeaveAsTimePasses() {
        Instant start = Instant.now();
        TestTime.set(start.toString());
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").build());
        String recent = SegmentMembershipTest.segment(tenant, "contact", "createdAt gt \"now-30d\"");
        String old = SegmentMembershipTest.segment(tenant, "contact", "createdAt lt \"now-30d\"");
        String fixed = SegmentMembershipTest.segment(tenant, "contact", "email pr");
        assertEquals(List.of(ana), members(recent));
        assertEquals(List.of(), members(old));

        TestTime.set(start.plus(Duration.ofDays(31)).toString());
        assertEquals(2, worker.resync(tenant, true), "only the two filters that read the clock are re-evaluated");
        admin(tenant).when().get("/v1/segments/{id}", recent).then().body("status", equalTo("ready"));
        fill(tenant);
        assertEquals(List.of(), members(recent), "thirty days on, the contact is no longer recent");
        assertEquals(List.of(ana), members(old));
        assertEquals(List.of(ana), members(fixed));
        List<Map<String, Object>> removed = events("member_removed");
        assertEquals(1, removed.size());
        assertEquals(recent, removed.getFirst().get("segmentId"));
        assertEquals(false, removed.getFirst().get("backfill"));
        assertEquals(3, worker.resync(tenant, false), "the full resync sweeps every dynamic segment");
    }

    @Test
    void relativeTimesWorkInListsAndMalformedOnesAreRefusedNamingTheValue() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").build());
        admin(tenant).queryParam("filter", "createdAt gt \"now-1h\"").when().get("/v1/contacts").then().statusCode(200)
                .body("data.id", org.hamcrest.Matchers.contains(ana));
        admin(tenant).queryParam("filter", "createdAt gt \"now+1h\"").when().get("/v1/contacts").then().statusCode(200)
                .body("data", org.hamcrest.Matchers.empty());
        admin(tenant).queryParam("filter", "createdAt gt \"now-30x\"").when().get("/v1/contacts").then()
                .spec(Problems.problem(400)).body("detail", containsString("\"now-30x\" is not a relative time"));
        admin(tenant).body(Map.of("name", "Bad", "objectType", "contact", "filter", "lastInteractionAt lt \"now-30days\""))
                .when().post("/v1/segments").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("filter"))
                .body("detail", containsString("now-30days"));
        admin(tenant).when().get("/v1/segments").then().body("data", org.hamcrest.Matchers.empty());
    }
}
