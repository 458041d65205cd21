package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Drain;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lead score from the default rules: computed by the worker from the event log as of a test clock, explained
 * factor by factor, filterable and sortable on lists, shown in GraphQL, decaying with time, announced by events.
 */
@QuarkusTest
class LeadScoreTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    ScoringWorker worker;

    @Inject
    DataSource dataSource;

    private final String tenant = newTenant();
    private ScoringData data;
    private String ana;
    private String bob;

    @BeforeEach
    void goldAccountVisitorAndAGmailUser() {
        data = new ScoringData(dataSource);
        String gold = Seed.company(tenant, Bodies.company().name("Acme").tier("gold"));
        ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").companyId(gold).ownerId("seller-1"));
        bob = Seed.contact(tenant, Bodies.contact().email("bob@gmail.com").ownerId("seller-1"));
        data.interaction(tenant, ana, "web_visit", "inbound", "https://acme.example/pricing?plan=pro", NOW.minus(2, ChronoUnit.DAYS));
        data.interaction(tenant, bob, "web_visit", "inbound", "https://acme.example/blog", NOW.minus(1, ChronoUnit.DAYS));
    }

    /** A rule's factor reads what its condition reads: a role from which that is hidden does not get the factor. */
    @Test
    void aFactorOfARuleOnAHiddenFieldIsWithheld() {
        catchUp(NOW);
        String sales = Tokens.of(tenant, "sales", null);
        as(sales).when().get("/v1/contacts/" + ana + "/score").then().statusCode(200)
                .body("factors.name", contains("Visited the pricing page", "Gold or platinum account"));
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("tier")))
                .when().put("/v1/access-policy/sales/company").then().statusCode(200);
        as(sales).when().get("/v1/contacts/" + ana + "/score").then().statusCode(200)
                .body("factors.name", contains("Visited the pricing page"));
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("pageUrl")))
                .when().put("/v1/access-policy/sales/interaction").then().statusCode(200);
        as(sales).when().get("/v1/contacts/" + ana + "/score").then().statusCode(200).body("factors", hasSize(0));
        GraphQL.as(sales, "query($id: ID!) { contact(id: $id) { score { value factors { name } } } }", Map.of("id", ana))
                .body("data.contact.score.factors", hasSize(0));
        admin(tenant).when().get("/v1/contacts/" + ana + "/score").then().statusCode(200)
                .body("factors.name", contains("Visited the pricing page", "Gold or platinum account"));
    }

    @Test
    void theScoreIsTheSumOfItsFactorsLargestFirst() {
        catchUp(NOW);
        double pricing = 20 * Math.pow(0.5, 2 / 7.0);
        admin(tenant).when().get("/v1/contacts/" + ana + "/score").then().statusCode(200)
                .body("value", equalTo((int) Math.round(15 + pricing)))
                .body("factors.name", contains("Visited the pricing page", "Gold or platinum account"))
                .body("factors[0].contribution", equalTo((float) (Math.round(pricing * 100) / 100.0)))
                .body("factors[0].kind", equalTo("rule"))
                .body("factors[1].contribution", equalTo(15.0f))
                .body("model", equalTo("rules v1"))
                .body("computedAt", equalTo(NOW.toString()));
        admin(tenant).when().get("/v1/contacts/" + bob + "/score").then().statusCode(200)
                .body("value", equalTo(0))
                .body("factors.name", contains("Personal email address"))
                .body("factors[0].contribution", equalTo(-10.0f));
    }

    @Test
    void listsFilterAndSortByLeadScore() {
        catchUp(NOW);
        admin(tenant).queryParam("filter", "leadScore ge 20").when().get("/v1/contacts").then().statusCode(200)
                .body("data.id", contains(ana)).body("data[0].leadScore", equalTo(31));
        admin(tenant).queryParam("sort", "-leadScore").when().get("/v1/contacts").then().statusCode(200)
                .body("data.id", contains(ana, bob));
        admin(tenant).queryParam("sort", "leadScore").queryParam("limit", 1).when().get("/v1/contacts").then()
                .statusCode(200).body("data.id", contains(bob)).body("next", notNullValue());
    }

    @Test
    void graphQLShowsTheScoreWithItsFactors() {
        catchUp(NOW);
        GraphQL.as(Tokens.admin(tenant), """
                query($id: ID!) { contact(id: $id) { leadScore score { value factors { name contribution } model computedAt } } }
                """, Map.of("id", ana))
                .statusCode(200)
                .body("errors", equalTo(null))
                .body("data.contact.leadScore", equalTo(31))
                .body("data.contact.score.value", equalTo(31))
                .body("data.contact.score.factors.name", contains("Visited the pricing page", "Gold or platinum account"))
                .body("data.contact.score.model", equalTo("rules v1"));
    }

    @Test
    void aContactNotReachedByTheWorkerYetIsScoredOnRead() {
        admin(tenant).when().get("/v1/contacts/" + bob + "/score").then().statusCode(200).body("value", equalTo(0))
                .body("factors", hasSize(1));
        admin(newTenant()).when().get("/v1/contacts/" + bob + "/score").then().spec(problem(404));
    }

    @Test
    void aNewInteractionReachesTheScoreThroughTheEventLog() {
        catchUp(NOW);
        data.interaction(tenant, bob, "meeting", "outbound", null, NOW.minus(1, ChronoUnit.HOURS));
        assertEquals(0, (int) admin(tenant).when().get("/v1/contacts/" + bob).then().extract().path("leadScore"),
                "nothing is recomputed inside the writing request");
        catchUp(NOW);
        admin(tenant).when().get("/v1/contacts/" + bob + "/score").then()
                .body("factors.name", contains("Had a meeting", "Personal email address"))
                .body("value", equalTo(5));
    }

    @Test
    void behaviourPointsDecayAndTheDecayPassRecomputesOldScores() {
        catchUp(NOW);
        assertEquals(0, worker.decay(tenant, NOW.plus(Duration.ofMinutes(30))), "scores younger than the interval stay");
        Instant later = NOW.plus(7, ChronoUnit.DAYS);
        assertTrue(worker.decay(tenant, later) >= 1);
        double pricing = 20 * Math.pow(0.5, 9 / 7.0);
        admin(tenant).when().get("/v1/contacts/" + ana + "/score").then()
                .body("value", equalTo((int) Math.round(15 + pricing)))
                .body("computedAt", equalTo(later.toString()));
        worker.decay(tenant, NOW.plus(40, ChronoUnit.DAYS));
        admin(tenant).when().get("/v1/contacts/" + ana + "/score").then()
                .body("value", equalTo(15)).body("factors.name", contains("Gold or platinum account"));
    }

    @Test
    void eventsAnnounceStepsAndThresholdsAndMoveTheStageForward() {
        admin(tenant).body(Map.of("changeStep", 5, "thresholds", List.of(Map.of("score", 30, "stage", "mql"), Map.of("score", 90))))
                .when().patch("/v1/scoring/settings").then().statusCode(200);
        catchUp(NOW);
        admin(tenant).when().get("/v1/contacts/" + ana).then().body("lifecycleStage", equalTo("mql"));
        // the stage change is itself an event: the next pass adds "Marketing qualified"
        admin(tenant).when().get("/v1/contacts/" + ana + "/score").then().body("value", equalTo(41));

        List<Map<String, Object>> crossed = events("contact.score_threshold_crossed");
        assertEquals(1, crossed.size(), crossed.toString());
        assertEquals(Map.of("threshold", 30, "direction", "up", "before", 0, "after", 31), crossed.getFirst().get("payload"));
        List<Map<String, Object>> changed = events("contact.score_changed");
        assertEquals(List.of(Map.of("before", 0, "after", 31, "model", "rules v1"),
                Map.of("before", 31, "after", 41, "model", "rules v1")),
                changed.stream().map(e -> e.get("payload")).toList());

        // a move smaller than the step is stored but not announced
        String rule = ruleId("Marketing qualified");
        admin(tenant).body(Map.of("points", 12)).when().patch("/v1/scoring/rules/" + rule).then().statusCode(200);
        catchUp(NOW);
        admin(tenant).when().get("/v1/contacts/" + ana + "/score").then().body("value", equalTo(43)).body("model", equalTo("rules v2"));
        assertEquals(2, events("contact.score_changed").size());
    }

    @Test
    void theStageNeverMovesBackward() {
        admin(tenant).body(Bodies.scoringThresholds(Map.of("score", 30, "stage", "mql"))).when().patch("/v1/scoring/settings")
                .then().statusCode(200);
        admin(tenant).body(Map.of("lifecycleStage", "customer")).when().patch("/v1/contacts/" + ana).then().statusCode(200);
        catchUp(NOW);
        admin(tenant).when().get("/v1/contacts/" + ana).then().body("lifecycleStage", equalTo("customer"));
        assertEquals(1, events("contact.score_threshold_crossed").size());
    }

    @Test
    void nextBestLeadsAreTheOwnersOpenLeadsByScoreWithReasons() {
        catchUp(NOW);
        admin(tenant).queryParam("owner", "seller-1").queryParam("limit", 5).when().get("/v1/scoring/next-best-leads")
                .then().statusCode(200)
                .body("data.contact.id", contains(ana, bob))
                .body("data[0].score", equalTo(31))
                .body("data[0].reasons.name", contains("Visited the pricing page", "Gold or platinum account"))
                .body("data[1].reasons", hasSize(0));
        admin(tenant).queryParam("owner", "nobody").when().get("/v1/scoring/next-best-leads").then().statusCode(200)
                .body("data", hasSize(0));
        admin(tenant).queryParam("limit", 0).when().get("/v1/scoring/next-best-leads").then().spec(problem(400));
        admin(tenant).queryParam("limt", 5).when().get("/v1/scoring/next-best-leads").then().spec(problem(400));
    }

    @Test
    void aRecomputeIsQueuedDoneInBoundedBatchesAndNeedsTheWriteScope() {
        admin(tenant).when().post("/v1/scoring/recompute").then().statusCode(202).body("contacts", equalTo(2));
        assertEquals(1, worker.rescoreStep(tenant, NOW, 1), "the worker scores the contacts in bounded batches");
        assertEquals(1, worker.rescoreStep(tenant, NOW, 1));
        assertEquals(1, worker.rescoreStep(tenant, NOW, 1), "an empty batch ends the rescore");
        assertEquals(0, worker.rescoreStep(tenant, NOW, 1), "nothing is left pending");
        admin(tenant).when().get("/v1/contacts/" + ana).then().body("leadScore", equalTo(31));
        admin(tenant).when().get("/v1/contacts/" + bob).then().body("leadScore", equalTo(0));
        dev.torre.testing.Api.as(Tokens.readonly(tenant)).when().post("/v1/scoring/recompute").then().spec(problem(403));
        dev.torre.testing.Api.as(Tokens.readonly(tenant)).when().get("/v1/contacts/" + ana + "/score").then().statusCode(200);
    }

    private void catchUp(Instant now) {
        Drain.untilIdle(() -> worker.catchUp(tenant, now) + worker.rescoreStep(tenant, now, 1000));
    }

    private List<Map<String, Object>> events(String type) {
        return admin(tenant).queryParam("types", type).queryParam("limit", 1000).when().get("/v1/events").then()
                .statusCode(200).extract().path("data");
    }

    private String ruleId(String name) {
        return admin(tenant).when().get("/v1/scoring/rules").then().extract().path("data.find { it.name == '" + name + "' }.id");
    }
}
