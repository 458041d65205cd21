package dev.torre.segment;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import io.quarkus.arc.Arc;
import dev.torre.scoring.ScoringWorker;
import dev.torre.testing.Bodies;
import dev.torre.testing.Drain;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dynamic segments: filled from the current records at creation and when the filter changes, then kept current by
 * the worker from the event log, with one segment.member_added / member_removed event per change and none on replay.
 */
@QuarkusTest
class SegmentMembershipTest {

    private final String tenant = newTenant();

    @Inject
    SegmentWorker worker;

    @Inject
    ScoringWorker scoring;

    @Inject
    DataSource dataSource;

    /** Defines a dynamic segment and lets the worker fill it: answers its id once it is ready. */
    static String segment(String tenant, String objectType, String filter) {
        String id = define(tenant, objectType, filter);
        fill(tenant);
        admin(tenant).when().get("/v1/segments/{id}", id).then().statusCode(200).body("status", equalTo("ready"))
                .body("backfill", nullValue());
        return id;
    }

    /** Defines a dynamic segment; it answers at once, still backfilling. */
    static String define(String tenant, String objectType, String filter) {
        return admin(tenant).body(Map.of("name", "Segment " + objectType, "objectType", objectType, "filter", filter))
                .when().post("/v1/segments").then().statusCode(201).body("status", equalTo("backfilling"))
                .extract().path("id");
    }

    /** Runs the tenant's sweeps (backfills and scheduled re-evaluations) to the end. */
    static void fill(String tenant) {
        SegmentWorker worker = Arc.container().instance(SegmentWorker.class).get();
        // until no sweep is left
        Drain.untilIdle(() -> worker.sweep(tenant, Integer.MAX_VALUE));
    }

    private List<String> members(String segment) {
        return admin(tenant).when().get("/v1/segments/{id}/members", segment).then().statusCode(200).extract().path("data.id");
    }

    /** The record ids of this kind of segment event, in feed order. */
    private List<String> events(String type) {
        return admin(tenant).queryParam("types", "segment." + type).queryParam("limit", 1000).when().get("/v1/events")
                .then().statusCode(200).extract().path("data.payload.recordId");
    }

    private void pass() {
        // until the worker has read everything written so far
        Drain.untilIdle(() -> worker.catchUp(tenant));
    }

    @Test
    void aDynamicSegmentIsFilledAtCreationWithTheRecordsItsFilterMatches() {
        String lead = Seed.contact(tenant, Bodies.contact().email("l@acme.es").lifecycleStage("lead").build());
        Seed.contact(tenant, Bodies.contact().email("s@acme.es").lifecycleStage("subscriber").build());
        String archived = Seed.contact(tenant, Bodies.contact().email("a@acme.es").lifecycleStage("lead").build());
        admin(tenant).when().delete("/v1/contacts/{id}", archived).then().statusCode(204);

        String segment = segment(tenant, "contact", "lifecycleStage eq \"lead\"");

        admin(tenant).when().get("/v1/segments/{id}", segment).then().statusCode(200)
                .body("memberCount", equalTo(1)).body("kind", equalTo("dynamic")).body("objectType", equalTo("contact"));
        assertEquals(List.of(lead), members(segment));
        assertEquals(List.of(lead), events("member_added"), "the backfill announces each member once");
    }

    @Test
    void aContactPatchedIntoAndOutOfTheFilterEntersAndLeavesAfterOnePassAnnouncedOnce() {
        String segment = segment(tenant, "contact", "lifecycleStage eq \"mql\"");
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").lifecycleStage("lead").build());
        pass();
        assertEquals(List.of(), members(segment));

        admin(tenant).body(Map.of("lifecycleStage", "mql")).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
        assertEquals(List.of(), members(segment), "nothing moves before the worker reads the change");
        pass();
        assertEquals(List.of(ana), members(segment));
        assertEquals(List.of(ana), events("member_added"));
        pass();
        assertEquals(List.of(ana), events("member_added"), "a second pass finds nothing to change");

        admin(tenant).body(Map.of("lifecycleStage", "customer")).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
        pass();
        assertEquals(List.of(), members(segment));
        assertEquals(List.of(ana), events("member_removed"));
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("memberCount", equalTo(0));

        replayFromTheStart();
        assertEquals(List.of(ana), events("member_added"), "a replayed batch announces nothing twice");
        assertEquals(List.of(ana), events("member_removed"));
        assertEquals(List.of(), members(segment));
    }

    @Test
    void anArchivedContactLeavesAndARestoredOneComesBack() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").tags("vip").build());
        String segment = segment(tenant, "contact", "tags eq \"vip\"");
        admin(tenant).when().delete("/v1/contacts/{id}", ana).then().statusCode(204);
        pass();
        assertEquals(List.of(), members(segment));
        admin(tenant).when().post("/v1/contacts/{id}/restore", ana).then().statusCode(200);
        pass();
        assertEquals(List.of(ana), members(segment));
        assertEquals(List.of(ana, ana), events("member_added"));
        assertEquals(List.of(ana), events("member_removed"));
    }

    @Test
    void changingTheFilterRefillsTheMembersAtOnce() {
        String es = Seed.contact(tenant, Bodies.contact().email("a@acme.es").build());
        String fr = Seed.contact(tenant, Bodies.contact().email("b@acme.fr").build());
        String segment = segment(tenant, "contact", "email ew \".es\"");
        assertEquals(List.of(es), members(segment));
        admin(tenant).body(Map.of("filter", "email ew \".fr\"")).when().patch("/v1/segments/{id}", segment).then()
                .statusCode(200).body("status", equalTo("backfilling")).body("backfill.processed", equalTo(0))
                .body("backfill.total", equalTo(2)).body("filter", equalTo("email ew \".fr\""));
        assertEquals(List.of(es), members(segment), "the old members stay until the backfill reaches them");
        fill(tenant);
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("status", equalTo("ready")).body("memberCount", equalTo(1));
        assertEquals(List.of(fr), members(segment));
        assertEquals(List.of(es), events("member_removed"));
    }

    @Test
    void companiesAndDealsAreSegmentedByTheirOwnFields() {
        String gold = Seed.company(tenant, Bodies.company().name("Gold SA").domain("gold.es").tier("gold").build());
        Seed.company(tenant, Bodies.company().name("Plain SL").domain("plain.es").build());
        String companies = segment(tenant, "company", "tier eq \"gold\"");
        assertEquals(List.of(gold), members(companies));

        String contact = Seed.contact(tenant, Bodies.contact().email("d@gold.es").build());
        String big = admin(tenant).body(Map.of("name", "Big", "amount", "50000", "currency", "EUR", "contactId", contact))
                .when().post("/v1/deals").then().statusCode(201).extract().path("id");
        String small = admin(tenant).body(Map.of("name", "Small", "amount", "10", "currency", "EUR", "contactId", contact))
                .when().post("/v1/deals").then().statusCode(201).extract().path("id");
        String deals = segment(tenant, "deal", "amount ge 1000");
        assertEquals(List.of(big), members(deals));
        admin(tenant).body(Map.of("amount", "2000")).when().patch("/v1/deals/{id}", small).then().statusCode(200);
        pass();
        admin(tenant).when().get("/v1/segments/{id}/members", deals).then().body("data.id", containsInAnyOrder(big, small));
    }

    @Test
    void leadScoreAndMarketingConsentAreFilterableWhenTheyChange() {
        String mql = Seed.contact(tenant, Bodies.contact().email("m@acme.es").lifecycleStage("mql").build());
        String other = Seed.contact(tenant, Bodies.contact().email("o@acme.es").lifecycleStage("subscriber").build());
        // scores computed from the default rules (mql scores above subscriber)
        Drain.untilIdle(() -> scoring.catchUp(tenant, java.time.Instant.now()));
        int high = admin(tenant).when().get("/v1/contacts/{id}", mql).then().extract().path("leadScore");
        int low = admin(tenant).when().get("/v1/contacts/{id}", other).then().extract().path("leadScore");
        assertEquals(true, high > low, "the default rules score an MQL above a subscriber: " + high + " vs " + low);
        String scored = segment(tenant, "contact", "leadScore ge " + high);
        assertEquals(List.of(mql), members(scored));

        String consenting = segment(tenant, "contact", "consent.marketing.email eq \"granted\"");
        assertEquals(List.of(), members(consenting));
        admin(tenant).body(decision("granted")).when().post("/v1/contacts/{id}/consents", other).then().statusCode(201);
        pass();
        assertEquals(List.of(other), members(consenting), "a consent decision re-evaluates its contact");
        admin(tenant).body(decision("withdrawn")).when().post("/v1/contacts/{id}/consents", other).then().statusCode(201);
        pass();
        admin(tenant).when().get("/v1/segments/{id}/members", consenting).then().body("data", empty());
    }

    @Test
    void anArchivedSegmentIsLeftAloneAndCatchesUpWhenRestored() {
        String segment = segment(tenant, "contact", "lifecycleStage eq \"customer\"");
        admin(tenant).when().delete("/v1/segments/{id}", segment).then().statusCode(204);
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").lifecycleStage("customer").build());
        pass();
        assertEquals(List.of(), events("member_added"));
        admin(tenant).when().post("/v1/segments/{id}/restore", segment).then().statusCode(200)
                .body("status", equalTo("backfilling"));
        fill(tenant);
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("memberCount", equalTo(1));
        admin(tenant).when().get("/v1/segments").then().body("data.id", contains(segment));
        assertEquals(List.of(ana), events("member_added"));
    }

    @Test
    void aValueThatMovesWithoutAnEventIsCaughtByTheResync() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").build());
        String segment = segment(tenant, "contact", "leadScore ge 50");
        pass();
        // a derived value written without an event of its record, as scoring does below its announcement step
        sql("update contact set lead_score = 70 where tenant_id = ? and id = cast(? as uuid)", ana);
        pass();
        assertEquals(List.of(), members(segment), "no event named the contact");
        assertEquals(1, worker.resync(tenant, false));
        assertEquals(0, worker.resync(tenant, false), "a sweep already under way is not started twice");
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("status", equalTo("ready"));
        fill(tenant);
        assertEquals(List.of(ana), members(segment));
        assertEquals(1, worker.resync(tenant, false));
        fill(tenant);
        assertEquals(List.of(ana), events("member_added"), "a second resync finds nothing to change");
    }

    private static Map<String, Object> decision(String status) {
        return Map.of("purpose", "marketing", "channel", "email", "status", status, "lawfulBasis", "consent",
                "source", "web_form", "proof", Map.of("ip", "203.0.113.7", "formUrl", "https://acme.es/newsletter",
                        "wordingVersion", "newsletter-2024-05"));
    }

    /** Puts the worker's position back to the start of the log, as after a crash before its position was stored. */
    private void replayFromTheStart() {
        assertEquals(1, sql("update segment_cursor set position = null where tenant_id = ?"));
        pass();
    }

    /** Runs a statement as the tenant, bound to the tenant and then the given values; answers the rows it changed. */
    private int sql(String statement, String... values) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setString(1, tenant);
                for (int i = 0; i < values.length; i++) {
                    ps.setString(i + 2, values[i]);
                }
                return ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
