package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.scoring.ScoringWorker;
import dev.torre.testing.Bodies;
import dev.torre.testing.Drain;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import dev.torre.ticket.SlaJob;
import io.quarkus.test.junit.QuarkusTest;

/** The built-in scenarios of the README's Automation section, each with the workflow JSON shown there. */
@QuarkusTest
class WorkflowScenarioTest extends FromAFixedMorning {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    @Inject
    ScoringWorker scoring;

    @Inject
    SlaJob sla;

    @Inject
    DataSource dataSource;

    private List<String> events(String types, String path) {
        return admin(tenant).queryParam("types", types).queryParam("limit", 200).when().get("/v1/events").then().statusCode(200)
                .extract().path(path);
    }

    @Test
    void aLeadScoringSixtyGetsAnOwnerTaskBecomesMqlAndIsWelcomedWhereConsentAllows() {
        String workflow = Flows.create(tenant, """
                {"name": "Hot lead",
                 "trigger": {"type": "record_changed", "objectType": "contact", "condition": "leadScore ge 60"},
                 "steps": [
                   {"type": "create_task", "title": "Call {{firstName}} today", "due": "P1D", "assignTo": "owner"},
                   {"type": "update_record", "set": {"lifecycleStage": "mql"}},
                   {"type": "send_message", "channel": "email", "purpose": "marketing",
                    "subject": "Welcome, {{firstName}}", "body": "Hi {{firstName}}, glad to have you."}
                 ]}""");
        admin(tenant).body("""
                {"name": "Hot tag", "kind": "attribute", "condition": "tags co \\"hot\\"", "points": 100}""")
                .when().post("/v1/scoring/rules").then().statusCode(201);
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").ownerId("rep-7").lifecycleStage("lead").build());
        String ben = Seed.contact(tenant, Bodies.contact().firstName("Ben").email("ben@acme.es").ownerId("rep-8").lifecycleStage("lead").build());
        Flows.grant(tenant, ana, "marketing", "email", "granted");
        Flows.drain(worker, tenant);
        assertEquals(0, Flows.runs(tenant, workflow).size(), "nobody scores 60 yet");

        for (String c : List.of(ana, ben)) {
            admin(tenant).body(Map.of("tags", List.of("hot"))).when().patch("/v1/contacts/{id}", c).then().statusCode(200);
        }
        // scores recomputed from the rules, announced as contact.score_changed
        Drain.untilIdle(() -> scoring.catchUp(tenant, Instant.parse("2030-03-04T10:00:00Z")));
        Flows.drain(worker, tenant);

        assertEquals(2, Flows.runs(tenant, workflow).size());
        JsonPath anaRun = runAbout(workflow, ana);
        assertEquals("completed", anaRun.getString("status"));
        assertEquals(List.of("completed", "completed", "completed"), anaRun.getList("steps.outcome"));
        assertEquals("rep-7", Flows.tasks(tenant, "contactId eq \"" + ana + "\"").getFirst().get("assigneeId"));
        assertEquals("Call Ana today", Flows.tasks(tenant, "contactId eq \"" + ana + "\"").getFirst().get("title"));
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("lifecycleStage", org.hamcrest.Matchers.equalTo("mql"));
        List<Map<String, Object>> sent = admin(tenant).queryParam("filter", "contactId eq \"" + ana + "\" and direction eq \"outbound\"")
                .when().get("/v1/interactions").then().statusCode(200).extract().path("data");
        assertEquals(1, sent.size());
        assertEquals("queued", sent.getFirst().get("status"));
        assertEquals("Welcome, Ana", sent.getFirst().get("subject"));
        assertEquals(List.of("ana@acme.es"), events("message.requested", "data.payload.to"));
        // the delivery partner reports back on the same interaction
        admin(tenant).body(Map.of("status", "delivered")).when().patch("/v1/interactions/{id}", sent.getFirst().get("id"))
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("delivered"));
        admin(tenant).body(Map.of("status", "exploded")).when().patch("/v1/interactions/{id}", sent.getFirst().get("id"))
                .then().statusCode(400);

        JsonPath benRun = runAbout(workflow, ben);
        assertEquals(List.of("completed", "completed", "skipped"), benRun.getList("steps.outcome"));
        assertEquals("consent", benRun.getString("steps[2].reason"), "no consent: nothing is sent, and the run says why");

        admin(tenant).body(Map.of("firstName", "Ana María")).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
        Flows.drain(worker, tenant);
        assertEquals(2, Flows.runs(tenant, workflow).size(), "a later write while the condition still holds enrols nobody again");
    }

    @Test
    void aWonDealGetsAnOnboardingTaskAndACheckInThirtyDaysLater() {
        String workflow = Flows.create(tenant, """
                {"name": "Won deal onboarding",
                 "trigger": {"type": "event", "event": "deal.won"},
                 "steps": [
                   {"type": "create_task", "title": "Onboard {{name}}", "due": "P2D", "assignTo": {"roundRobin": ["svc-1", "svc-2"]}},
                   {"type": "wait", "duration": "P30D"},
                   {"type": "create_task", "title": "30-day check-in: {{name}}", "due": "P1D", "assignTo": "owner"}
                 ]}""");
        String contact = Seed.contact(tenant, "Carla", "Vidal");
        String won = admin(tenant).when().get("/v1/pipelines").then().statusCode(200).extract().jsonPath()
                .getString("data[0].stages.find { it.name == 'Won' }.id");
        String deal = admin(tenant).body(Map.of("name", "Acme rollout", "amount", "900", "currency", "EUR", "contactId", contact,
                "ownerId", "rep-3")).when().post("/v1/deals").then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("stageId", won)).when().patch("/v1/deals/{id}", deal).then().statusCode(200);
        Flows.drain(worker, tenant);

        JsonPath run = Flows.onlyRun(tenant, workflow);
        assertEquals("waiting", run.getString("status"));
        assertEquals("2030-04-03T10:00:00Z", run.getString("wakeAt"));
        List<Map<String, Object>> tasks = Flows.tasks(tenant, "dealId eq \"" + deal + "\"");
        assertEquals(List.of("Onboard Acme rollout"), tasks.stream().map(t -> t.get("title")).toList());
        assertEquals("svc-1", tasks.getFirst().get("assigneeId"));

        TestTime.advance(Duration.ofDays(29));
        Flows.drain(worker, tenant);
        assertEquals("waiting", Flows.onlyRun(tenant, workflow).getString("status"), "not before its time");

        TestTime.advance(Duration.ofDays(1));
        Flows.drain(worker, tenant);
        run = Flows.onlyRun(tenant, workflow);
        assertEquals("completed", run.getString("status"));
        assertEquals(List.of("create_task", "wait", "create_task"), run.getList("steps.type"));
        assertEquals("elapsed", run.getString("steps[1].reason"));
        Map<String, Object> checkIn = Flows.tasks(tenant, "title eq \"30-day check-in: Acme rollout\"").getFirst();
        assertEquals("rep-3", checkIn.get("assigneeId"));
        assertEquals("2030-04-04T10:00:00Z", checkIn.get("dueAt"));
    }

    @Test
    void aTicketNearItsSlaGoesToTheTeamLeadAndPartnersAreNotified() {
        String workflow = Flows.create(tenant, """
                {"name": "SLA escalation",
                 "trigger": {"type": "event", "event": "ticket.sla_warning", "filter": "status ne \\"resolved\\""},
                 "steps": [
                   {"type": "update_record", "set": {"assigneeId": "team-lead"}},
                   {"type": "webhook", "topic": "ticket.escalated", "data": {"subject": "{{subject}}", "assignee": "team-lead"}}
                 ]}""");
        admin(tenant).body(Bodies.slaPolicy().name("All").firstResponse("normal", 100).build())
                .when().post("/v1/sla-policies").then().statusCode(201);
        String ticket = admin(tenant).body(Bodies.ticket().subject("Printer jammed").assigneeId("agent-1").build()).when().post("/v1/tickets")
                .then().statusCode(201).extract().path("id");
        TestTime.advance(Duration.ofMinutes(80));
        sla.run();
        Flows.drain(worker, tenant);

        JsonPath run = Flows.onlyRun(tenant, workflow);
        assertEquals("completed", run.getString("status"));
        admin(tenant).when().get("/v1/tickets/{id}", ticket).then().body("assigneeId", org.hamcrest.Matchers.equalTo("team-lead"));
        assertEquals(List.of("ticket.escalated"), events("workflow.webhook", "data.payload.topic"));
        assertEquals(List.of("Printer jammed"), events("workflow.webhook", "data.payload.data.subject"));
    }

    @Test
    void aPrinterBuyerIsRemindedOfInkNinetyDaysLaterUnlessInkWasOrderedFirst() {
        String workflow = Flows.create(tenant, """
                {"name": "Ink reminder",
                 "trigger": {"type": "date", "objectType": "order", "field": "placedAt", "offsetDays": 90,
                             "condition": "status eq \\"paid\\"", "productCategory": "printers"},
                 "steps": [
                   {"type": "exit", "orderedCategory": "ink"},
                   {"type": "send_message", "channel": "email", "purpose": "service_notifications",
                    "subject": "Running low on ink?", "body": "Hi {{contact.firstName}}, your printer may need ink by now."}
                 ]}""");
        product("PRN-1", "printers");
        product("INK-1", "ink");
        String dora = Seed.contact(tenant, Bodies.contact().firstName("Dora").email("dora@acme.es").build());
        String eloy = Seed.contact(tenant, Bodies.contact().firstName("Eloy").email("eloy@acme.es").build());
        Flows.grant(tenant, dora, "service_notifications", "email", "granted");
        Flows.grant(tenant, eloy, "service_notifications", "email", "granted");
        order(dora, "PRN-1", "2030-03-04T10:00:00Z");
        order(eloy, "PRN-1", "2030-03-04T10:00:00Z");
        TestTime.advance(Duration.ofDays(30));
        order(eloy, "INK-1", "2030-04-03T10:00:00Z");

        TestTime.advance(Duration.ofDays(59));
        Flows.drain(worker, tenant);
        assertEquals(0, Flows.runs(tenant, workflow).size(), "89 days: not yet");

        TestTime.advance(Duration.ofDays(2));
        Flows.drain(worker, tenant);
        assertEquals(2, Flows.runs(tenant, workflow).size(), "one run per printer order, none for the ink order");
        assertEquals("completed", runAbout(workflow, contactOrders(dora).getFirst()).getString("status"));
        assertEquals("exited", runAbout(workflow, contactOrders(eloy).getFirst()).getString("status"));
        assertEquals(List.of("dora@acme.es"), events("message.requested", "data.payload.to"));
        Flows.drain(worker, tenant);
        assertEquals(2, Flows.runs(tenant, workflow).size(), "a date fires once");
    }

    @Test
    void aCustomerSilentForSixtyDaysWithHighChurnRiskGetsARetentionTask() {
        String workflow = Flows.create(tenant, """
                {"name": "Retention",
                 "trigger": {"type": "date", "objectType": "contact", "field": "lastInboundAt", "offsetDays": 60,
                             "condition": "lifecycleStage eq \\"customer\\" and churnRisk ge 0.6"},
                 "steps": [
                   {"type": "create_task", "title": "Retention call: {{firstName}} has been silent for 60 days", "due": "P3D",
                    "assignTo": "owner"}
                 ]}""");
        String risky = Seed.contact(tenant, Bodies.contact().firstName("Fina").lifecycleStage("customer").ownerId("am-1").build());
        String safe = Seed.contact(tenant, Bodies.contact().firstName("Gus").lifecycleStage("customer").ownerId("am-1").build());
        for (String c : List.of(risky, safe)) {
            admin(tenant).body(Map.of("type", "email", "direction", "inbound", "occurredAt", "2030-03-04T09:00:00Z", "contactId", c,
                    "subject", "Thanks")).when().post("/v1/interactions").then().statusCode(201);
        }
        sql("update contact set churn_risk = 0.8 where tenant_id = ? and id = cast(? as uuid)", risky);
        sql("update contact set churn_risk = 0.2 where tenant_id = ? and id = cast(? as uuid)", safe);

        TestTime.advance(Duration.ofDays(61));
        Flows.drain(worker, tenant);
        JsonPath run = Flows.onlyRun(tenant, workflow);
        assertEquals(risky, run.getString("recordId"));
        assertEquals("am-1", Flows.tasks(tenant, "contactId eq \"" + risky + "\"").getFirst().get("assigneeId"));
        assertEquals(0, Flows.tasks(tenant, "contactId eq \"" + safe + "\"").size());
    }

    private JsonPath runAbout(String workflow, String recordId) {
        Object id = Flows.runs(tenant, workflow).stream().filter(r -> recordId.equals(r.get("recordId"))).findFirst().orElseThrow().get("id");
        return Flows.run(tenant, workflow, id);
    }

    private void product(String sku, String category) {
        admin(tenant).body(Map.of("sku", sku, "name", sku, "price", "10", "currency", "EUR", "category", category))
                .when().post("/v1/products").then().statusCode(201);
    }

    private void order(String contact, String sku, String placedAt) {
        admin(tenant).body(Map.of("contactId", contact, "status", "paid", "currency", "EUR", "placedAt", placedAt,
                "lines", List.of(Map.of("sku", sku, "quantity", 1, "unitPrice", "10")))).when().post("/v1/orders").then().statusCode(201);
    }

    /** The contact's orders, oldest first. */
    private List<String> contactOrders(String contact) {
        return admin(tenant).queryParam("filter", "contactId eq \"" + contact + "\"").queryParam("sort", "placedAt")
                .when().get("/v1/orders").then().statusCode(200).extract().path("data.id");
    }

    private void sql(String statement, String id) {
        TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                ps.executeUpdate();
                return null;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
