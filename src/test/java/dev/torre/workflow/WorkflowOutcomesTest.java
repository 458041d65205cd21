package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dates before a deal closes, waits until a date field, and what a delivery partner reports back on a message
 * (delivered, opened, clicked, replied through the interactions API) ending runs at their goals and waking waits.
 */
@QuarkusTest
class WorkflowOutcomesTest extends FromAFixedMorning {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    @Test
    void aNegativeOffsetFiresDaysBeforeTheDealsExpectedCloseAndAMomentAlreadyPastAtDefinitionNever() {
        String workflow = Flows.create(tenant, """
                {"name": "Closing soon", "trigger": {"type": "date", "objectType": "deal", "field": "expectedCloseDate", "offsetDays": -7},
                 "steps": [{"type": "create_task", "title": "Closes in a week: {{name}}"}]}""");
        String later = deal("Later", "2030-03-20");
        // closes in four days: its moment (seven days before) had passed when the workflow was defined
        String soon = deal("Soon", "2030-03-08");
        Flows.drain(worker, tenant);
        TestTime.set("2030-03-12T23:59:00Z");
        Flows.drain(worker, tenant);
        assertEquals(0, Flows.runs(tenant, workflow).size(), "nothing is due before 13 March (20 March less seven days)");

        TestTime.set("2030-03-13T00:00:01Z");
        Flows.drain(worker, tenant);
        assertEquals(List.of(later), Flows.runs(tenant, workflow).stream().map(r -> r.get("recordId")).toList());
        assertEquals(1, Flows.tasks(tenant, "title eq \"Closes in a week: Later\"").size());

        TestTime.set("2030-03-25T10:00:00Z");
        Flows.drain(worker, tenant);
        assertEquals(0, Flows.tasks(tenant, "title eq \"Closes in a week: Soon\"").size(), "a moment past at definition never fires");
        assertEquals(1, Flows.runs(tenant, workflow).size(), "and the later deal fired once");

        // a new expected close is a new date: a week before it, the deal enrols
        admin(tenant).body(Map.of("expectedCloseDate", "2030-04-10")).when().patch("/v1/deals/{id}", soon).then().statusCode(200);
        TestTime.set("2030-04-03T00:00:01Z");
        Flows.drain(worker, tenant);
        assertEquals(1, Flows.tasks(tenant, "title eq \"Closes in a week: Soon\"").size());
        assertEquals(2, Flows.runs(tenant, workflow).size());
    }

    @Test
    void aWaitUntilTheDealsExpectedCloseResumesThatDay() {
        String workflow = Flows.create(tenant, """
                {"name": "On closing day", "trigger": {"type": "event", "event": "deal.created"},
                 "steps": [{"type": "wait", "untilField": "expectedCloseDate"},
                           {"type": "create_task", "title": "Closing day: {{name}}"}]}""");
        deal("Acme renewal", "2030-03-10");
        Flows.drain(worker, tenant);
        JsonPath waiting = Flows.onlyRun(tenant, workflow);
        assertEquals("waiting", waiting.getString("status"));
        assertEquals("2030-03-10T00:00:00Z", waiting.getString("wakeAt"), "a calendar date is its first moment, UTC");

        TestTime.set("2030-03-09T23:59:00Z");
        Flows.drain(worker, tenant);
        assertEquals(0, Flows.tasks(tenant, "title eq \"Closing day: Acme renewal\"").size());
        TestTime.set("2030-03-10T00:00:01Z");
        Flows.drain(worker, tenant);
        JsonPath done = Flows.onlyRun(tenant, workflow);
        assertEquals("completed", done.getString("status"));
        assertEquals("elapsed", done.getString("steps[0].reason"));
        assertEquals(1, Flows.tasks(tenant, "title eq \"Closing day: Acme renewal\"").size());
    }

    @Test
    void aWaitUntilAFieldThatIsNoDateOfTheRecordIsRefusedWhenDefined() {
        for (String field : List.of("closeDay", "name")) {
            admin(tenant).body("""
                    {"name": "Bad wait", "trigger": {"type": "event", "event": "deal.created"},
                     "steps": [{"type": "wait", "untilField": "%s"}]}""".formatted(field)).when().post("/v1/workflows").then()
                    .statusCode(400).body("errors[0].field", equalTo("/steps/0/untilField"))
                    .body("errors[0].code", equalTo("unknown_field"));
        }
        assertEquals(0, admin(tenant).when().get("/v1/workflows").then().extract().jsonPath().getList("data").size());
    }

    @Test
    void aClickOrReplyReportedByThePartnerEndsTheRunAtItsGoal() {
        String workflow = Flows.create(tenant, """
                {"name": "Nurture", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "send_message", "channel": "email", "purpose": "marketing", "subject": "News", "body": "Hi {{firstName}}"},
                           {"type": "wait", "duration": "P3D"},
                           {"type": "exit", "event": {"type": "interaction.updated", "match": {"status": ["clicked", "replied"]}}},
                           {"type": "create_task", "title": "Call {{firstName}}: no engagement"}]}""");
        String clicks = reachable("Cleo");
        String replies = reachable("Remy");
        String opens = reachable("Olga");
        Flows.drain(worker, tenant);
        report(message(clicks), "delivered");
        report(message(clicks), "clicked");
        report(message(replies), "replied");
        report(message(opens), "opened");
        TestTime.advance(Duration.ofDays(4));
        Flows.drain(worker, tenant);

        assertEquals("exited", runOf(workflow, clicks).getString("status"));
        assertEquals("goal_reached", runOf(workflow, clicks).getString("steps[2].reason"));
        assertEquals("exited", runOf(workflow, replies).getString("status"));
        assertEquals("completed", runOf(workflow, opens).getString("status"), "an open is not the goal here");
        assertEquals(List.of(), Flows.tasks(tenant, "title eq \"Call Cleo: no engagement\""));
        assertEquals(List.of(), Flows.tasks(tenant, "title eq \"Call Remy: no engagement\""));
        assertEquals(1, Flows.tasks(tenant, "title eq \"Call Olga: no engagement\"").size());
    }

    @Test
    void aWaitForAnEventWakesWhenThePartnerReportsTheMessageOpened() {
        String workflow = Flows.create(tenant, """
                {"name": "Warm up", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "send_message", "channel": "email", "purpose": "marketing", "subject": "News", "body": "Hi {{firstName}}"},
                           {"type": "wait", "untilEvent": {"type": "interaction.updated", "match": {"status": ["opened", "clicked"]}},
                            "timeout": "P7D"},
                           {"type": "create_task", "title": "{{firstName}} read it"}]}""");
        String ana = reachable("Ana");
        String ben = reachable("Ben");
        Flows.drain(worker, tenant);
        report(message(ana), "delivered");
        report(message(ben), "delivered");
        Flows.drain(worker, tenant);
        assertEquals("waiting", runOf(workflow, ana).getString("status"), "delivered is not opened");

        TestTime.advance(Duration.ofHours(5));
        report(message(ana), "opened");
        Flows.drain(worker, tenant);
        JsonPath opened = runOf(workflow, ana);
        assertEquals("completed", opened.getString("status"));
        assertEquals("event_arrived", opened.getString("steps[1].reason"));
        assertEquals(1, Flows.tasks(tenant, "title eq \"Ana read it\"").size());
        assertEquals("waiting", runOf(workflow, ben).getString("status"), "another contact's open wakes nobody else");
        assertEquals(0, Flows.tasks(tenant, "title eq \"Ben read it\"").size());
    }

    private String deal(String name, String expectedClose) {
        return admin(tenant).body(Map.of("name", name, "amount", "1000", "currency", "EUR", "expectedCloseDate", expectedClose))
                .when().post("/v1/deals").then().statusCode(201).extract().path("id");
    }

    /** A contact with an email address who granted marketing email. */
    private String reachable(String firstName) {
        String id = Seed.contact(tenant, Map.of("firstName", firstName, "email", firstName.toLowerCase() + "@acme.es"));
        Flows.grant(tenant, id, "marketing", "email", "granted");
        return id;
    }

    /** The outbound interaction the workflow queued for the contact. */
    private String message(String contact) {
        List<Map<String, Object>> queued = admin(tenant).queryParam("filter", "contactId eq \"" + contact + "\" and direction eq \"outbound\"")
                .when().get("/v1/interactions").then().statusCode(200).extract().path("data");
        assertEquals(1, queued.size(), "one message queued for " + contact);
        return (String) queued.getFirst().get("id");
    }

    /** What a delivery partner does: reports the message's outcome on its interaction. */
    private void report(String interaction, String status) {
        admin(tenant).contentType("application/merge-patch+json").body(Map.of("status", status))
                .when().patch("/v1/interactions/{id}", interaction).then().statusCode(200).body("status", equalTo(status));
    }

    private JsonPath runOf(String workflow, String record) {
        Object id = Flows.runs(tenant, workflow).stream().filter(r -> record.equals(r.get("recordId"))).findFirst().orElseThrow().get("id");
        return Flows.run(tenant, workflow, id);
    }
}
