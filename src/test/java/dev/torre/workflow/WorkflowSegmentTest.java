package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.segment.SegmentWorker;
import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Segment and schedule triggers, static-list, branch and deal-stage steps, and the GraphQL reads. */
@QuarkusTest
class WorkflowSegmentTest {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    @Inject
    SegmentWorker segmentWorker;

    @BeforeEach
    void stopTheClock() {
        TestTime.set("2030-03-04T08:30:00Z");
    }

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String segment(Map<String, Object> body) {
        return admin(tenant).body(body).when().post("/v1/segments").then().statusCode(201).extract().path("id");
    }

    private List<String> members(String segment) {
        return admin(tenant).when().get("/v1/segments/{id}/members", segment).then().statusCode(200).extract().path("data.id");
    }

    private void drainAll() {
        dev.torre.testing.Drain.untilIdle(() -> segmentWorker.catchUp(tenant) + worker.catchUp(tenant) + worker.calendar(tenant)
                + worker.wake(tenant));
    }

    @Test
    void enteringAndLeavingADynamicSegmentBranchesIntoStaticLists() {
        String customers = segment(Map.of("name", "Customers", "objectType", "contact", "filter", "lifecycleStage eq \"customer\""));
        String vip = segment(Map.of("name", "VIP", "objectType", "contact", "kind", "static"));
        String regular = segment(Map.of("name", "Regular", "objectType", "contact", "kind", "static"));
        Flows.create(tenant, """
                {"name": "Sort new customers", "trigger": {"type": "segment_entered", "segmentId": "%s"},
                 "steps": [{"type": "branch", "condition": "email ew \\"@vip.es\\"",
                            "then": [{"type": "add_to_segment", "segmentId": "%s"}],
                            "else": [{"type": "add_to_segment", "segmentId": "%s"}]}]}""".formatted(customers, vip, regular));
        String leaving = Flows.create(tenant, """
                {"name": "Tidy up", "reenrollment": true, "trigger": {"type": "segment_exited", "segmentId": "%s"},
                 "steps": [{"type": "remove_from_segment", "segmentId": "%s"}, {"type": "remove_from_segment", "segmentId": "%s"}]}"""
                .formatted(customers, vip, regular));
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@vip.es").lifecycleStage("lead").build());
        String ben = Seed.contact(tenant, Bodies.contact().email("ben@acme.es").lifecycleStage("lead").build());
        for (String c : List.of(ana, ben)) {
            admin(tenant).body(Map.of("lifecycleStage", "customer")).when().patch("/v1/contacts/{id}", c).then().statusCode(200);
        }
        drainAll();
        assertEquals(List.of(ana), members(vip));
        assertEquals(List.of(ben), members(regular));

        admin(tenant).body(Map.of("lifecycleStage", "other")).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
        drainAll();
        assertEquals(List.of(), members(vip));
        var run = Flows.onlyRun(tenant, leaving);
        assertEquals(List.of("completed", "skipped"), run.getList("steps.outcome"));
        assertEquals("not_member", run.getString("steps[1].reason"));
    }

    @Test
    void aScheduleEnrolsTheSegmentsMembersOncePerSlot() {
        String list = segment(Map.of("name", "Weekly", "objectType", "contact", "kind", "static"));
        String ana = Seed.contact(tenant, "Ana", "Soler");
        String ben = Seed.contact(tenant, "Ben", "Ruiz");
        admin(tenant).body(Map.of("ids", List.of(ana, ben))).when().post("/v1/segments/{id}/members", list).then().statusCode(200);
        String workflow = Flows.create(tenant, """
                {"name": "Daily nudge", "reenrollment": true, "trigger": {"type": "schedule", "segmentId": "%s", "cron": "0 9 * * *"},
                 "steps": [{"type": "create_task", "title": "Nudge {{firstName}}"}]}""".formatted(list));
        drainAll();
        assertEquals(0, Flows.runs(tenant, workflow).size(), "09:00 has not come yet");
        TestTime.advance(Duration.ofMinutes(31));
        drainAll();
        drainAll();
        assertEquals(2, Flows.runs(tenant, workflow).size(), "one run per member at 09:00");
        TestTime.advance(Duration.ofDays(1));
        drainAll();
        assertEquals(4, Flows.runs(tenant, workflow).size(), "and again the next day");
        assertEquals(4, Flows.tasks(tenant, "title sw \"Nudge\"").size());
    }

    @Test
    void aDealMovesStageAndGraphQLReadsWorkflowsAndRuns() {
        String pipeline = admin(tenant).when().get("/v1/pipelines").then().statusCode(200).extract().path("data[0].id");
        String second = admin(tenant).when().get("/v1/pipelines").then().extract().path("data[0].stages[1].id");
        String workflow = Flows.create(tenant, """
                {"name": "Big deals skip ahead", "trigger": {"type": "event", "event": "deal.created", "filter": "amount ge 10000"},
                 "steps": [{"type": "move_deal_stage", "stageId": "%s"}]}""".formatted(second));
        String big = admin(tenant).body(Map.of("name", "Big", "amount", "50000", "currency", "EUR", "pipelineId", pipeline))
                .when().post("/v1/deals").then().statusCode(201).extract().path("id");
        String small = admin(tenant).body(Map.of("name", "Small", "amount", "50", "currency", "EUR", "pipelineId", pipeline))
                .when().post("/v1/deals").then().statusCode(201).extract().path("id");
        drainAll();
        admin(tenant).when().get("/v1/deals/{id}", big).then().body("stageId", equalTo(second));
        admin(tenant).when().get("/v1/deals/{id}", small).then().body("stageId", org.hamcrest.Matchers.not(equalTo(second)));

        GraphQL.as(Tokens.admin(tenant), """
                query($id: ID!) { workflow(id: $id) { name definitionVersion trigger runs(first: 5) { edges { node { status recordId
                  steps { type outcome } } } } } }""", Map.of("id", workflow))
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.workflow.name", equalTo("Big deals skip ahead"))
                .body("data.workflow.runs.edges[0].node.status", equalTo("completed"))
                .body("data.workflow.runs.edges[0].node.recordId", equalTo(big))
                .body("data.workflow.trigger", org.hamcrest.Matchers.containsString("deal.created"));
        String run = Flows.runs(tenant, workflow).getFirst().get("id").toString();
        GraphQL.as(Tokens.admin(tenant), """
                query($w: ID!, $r: ID!) { workflowRun(workflowId: $w, runId: $r) { status steps { type outcome } } }""",
                Map.of("w", workflow, "r", run))
                .body("data.workflowRun.steps[0].type", equalTo("move_deal_stage"))
                .body("data.workflowRun.steps[0].outcome", equalTo("completed"));
        GraphQL.as(Tokens.admin(tenant), "{ workflows(first: 10) { edges { node { id } } } }")
                .body("data.workflows.edges.size()", equalTo(1));
    }
}
