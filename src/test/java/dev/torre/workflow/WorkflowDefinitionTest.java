package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** /v1/workflows: definitions checked whole at definition time (400 naming the JSON pointer), versions, dry runs, scopes, tenancy. */
@QuarkusTest
class WorkflowDefinitionTest {

    private final String tenant = newTenant();

    private static final String TASK = """
            {"name":"Hot leads","trigger":{"type":"record_changed","objectType":"contact","condition":"leadScore ge 60"},
             "steps":[{"type":"create_task","title":"Call {{firstName}}","due":"P1D"}]}
            """;

    private void refused(String json, String pointer, String code) {
        admin(tenant).body(json).when().post("/v1/workflows").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo(pointer)).body("errors[0].code", equalTo(code));
    }

    @Test
    void aWellFormedWorkflowIsCreatedEnabledAtVersionOne() {
        String id = Flows.create(tenant, TASK);
        admin(tenant).when().get("/v1/workflows/{id}", id).then().statusCode(200).body("enabled", equalTo(true))
                .body("reenrollment", equalTo(false)).body("definitionVersion", equalTo(1))
                .body("trigger.condition", equalTo("leadScore ge 60")).body("steps[0].type", equalTo("create_task"));
        admin(tenant).when().get("/v1/workflows").then().statusCode(200).body("data.id", org.hamcrest.Matchers.contains(id));
    }

    @Test
    void unknownTypesFieldsAndSegmentsAreRefusedNamingTheirPointer() {
        refused("""
                {"name":"x","trigger":{"type":"record_touched","objectType":"contact"},"steps":[]}""", "/trigger/type", "unknown_type");
        refused("""
                {"name":"x","trigger":{"type":"record_changed","objectType":"contact","condition":"shoeSize ge 60"},"steps":[]}""",
                "/trigger/condition", "invalid_condition");
        refused("""
                {"name":"x","trigger":{"type":"event","event":"deal.exploded"},"steps":[]}""", "/trigger/event", "unknown_event");
        refused("""
                {"name":"x","trigger":{"type":"segment_entered","segmentId":"0190c5a0-0000-7000-8000-000000000000"},"steps":[]}""",
                "/trigger/segmentId", "not_found");
        refused("""
                {"name":"x","trigger":{"type":"event","event":"deal.won"},"steps":[{"type":"create_task","title":"a"},{"type":"teleport"}]}""",
                "/steps/1/type", "unknown_type");
        refused("""
                {"name":"x","trigger":{"type":"event","event":"deal.won"},
                 "steps":[{"type":"branch","condition":"amount gt 10","then":[{"type":"update_record","set":{"colour":"red"}}]}]}""",
                "/steps/0/then/0/set/colour", "unknown_field");
        refused("""
                {"name":"x","trigger":{"type":"event","event":"deal.won"},"steps":[{"type":"wait","duration":"three days"}]}""",
                "/steps/0/duration", "invalid_duration");
        refused("""
                {"name":"x","trigger":{"type":"schedule","segmentId":"%s","cron":"every day"},"steps":[]}""".formatted(staticSegment()),
                "/trigger/cron", "invalid_cron");
        refused("""
                {"name":"x","trigger":{"type":"event","event":"deal.won"},"steps":[{"type":"send_message","channel":"pigeon","purpose":"marketing","body":"hi"}]}""",
                "/steps/0/channel", "invalid_value");
        refused("""
                {"name":"x","trigger":{"type":"event","event":"deal.won","colour":"red"},"steps":[]}""", "/trigger/colour", "unknown_field");
        admin(tenant).when().get("/v1/workflows").then().body("data.size()", equalTo(0));
    }

    @Test
    void aWorkflowWhoseOwnUpdateCouldRetriggerItIsRefusedAsALoop() {
        refused("""
                {"name":"loop","trigger":{"type":"record_changed","objectType":"contact","condition":"lifecycleStage eq \\"lead\\""},
                 "steps":[{"type":"update_record","set":{"lifecycleStage":"mql"}}]}""", "/steps/0/set/lifecycleStage", "loop");
        refused("""
                {"name":"loop","trigger":{"type":"event","event":"contact.updated"},
                 "steps":[{"type":"update_record","set":{"ownerId":"u1"}}]}""", "/steps/0/set/ownerId", "loop");
        // writing a field the condition does not read cannot make it become true again
        Flows.create(tenant, """
                {"name":"fine","trigger":{"type":"record_changed","objectType":"contact","condition":"leadScore ge 60"},
                 "steps":[{"type":"update_record","set":{"lifecycleStage":"mql"}}]}""");
    }

    @Test
    void changingTriggerOrStepsMakesANewVersionWhileRenamingDoesNot() {
        String id = Flows.create(tenant, TASK);
        admin(tenant).body(Map.of("name", "Renamed")).when().patch("/v1/workflows/{id}", id).then().statusCode(200)
                .body("definitionVersion", equalTo(1));
        admin(tenant).body("""
                {"steps":[{"type":"create_task","title":"Call soon"}]}""").when().patch("/v1/workflows/{id}", id).then().statusCode(200)
                .body("definitionVersion", equalTo(2)).body("steps[0].title", equalTo("Call soon"));
        admin(tenant).body("""
                {"steps":[{"type":"nope"}]}""").when().patch("/v1/workflows/{id}", id).then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("/steps/0/type"));
        admin(tenant).when().get("/v1/workflows/{id}", id).then().body("definitionVersion", equalTo(2));
    }

    @Test
    void aDryRunReportsWhatEachStepWouldDoAndWritesNothing() {
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").ownerId("rep-1").build());
        String id = Flows.create(tenant, """
                {"name":"Welcome","trigger":{"type":"record_changed","objectType":"contact","condition":"leadScore ge 60"},
                 "steps":[{"type":"create_task","title":"Call {{firstName}}","due":"P2D","assignTo":"owner"},
                          {"type":"update_record","set":{"lifecycleStage":"mql"}},
                          {"type":"send_message","channel":"email","purpose":"marketing","subject":"Hola {{firstName}}","body":"Bienvenida"}]}""");
        int events = Seed.eventCount(tenant);
        admin(tenant).body(Map.of("recordId", ana)).when().post("/v1/workflows/{id}/test", id).then().statusCode(200)
                .body("steps[0].outcome", equalTo("completed")).body("steps[0].detail.title", equalTo("Call Ana"))
                .body("steps[0].detail.assigneeId", equalTo("rep-1"))
                .body("steps[1].detail.set.lifecycleStage", equalTo("mql"))
                .body("steps[2].outcome", equalTo("skipped")).body("steps[2].reason", equalTo("consent"));
        assertEquals(events, Seed.eventCount(tenant), "a dry run writes nothing");
        assertEquals(0, Flows.tasks(tenant, "contactId eq \"" + ana + "\"").size());
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("lifecycleStage", org.hamcrest.Matchers.not(equalTo("mql")));
        admin(tenant).body(Map.of("recordId", id)).when().post("/v1/workflows/{id}/test", id).then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("recordId"));
    }

    @Test
    void workflowsNeedTheirScopeAndStayInTheirTenant() {
        String id = Flows.create(tenant, TASK);
        as(Tokens.of(tenant, "sales", null)).body(TASK).when().post("/v1/workflows").then().spec(Problems.problem(403));
        as(Tokens.of(tenant, "marketing", null)).when().get("/v1/workflows/{id}", id).then().statusCode(200);
        admin(newTenant()).when().get("/v1/workflows/{id}", id).then().spec(Problems.problem(404));
        admin(newTenant()).when().get("/v1/workflows/{id}/runs", id).then().spec(Problems.problem(404));
        admin(tenant).when().get("/v1/workflows/{id}/runs/{runId}", id, id).then().spec(Problems.problem(404))
                .body("detail", containsString("run"));
    }

    private String staticSegment() {
        return admin(tenant).body(Map.of("name", "List", "objectType", "contact", "kind", "static")).when().post("/v1/segments")
                .then().statusCode(201).extract().path("id");
    }
}
