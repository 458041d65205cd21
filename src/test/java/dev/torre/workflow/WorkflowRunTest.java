package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/** How runs behave: idempotent enrolment, two claimers, versions, re-enrolment, the runaway guard, waits for events, consent and caps at send time. */
@QuarkusTest
class WorkflowRunTest extends FromAFixedMorning {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    @Inject
    DataSource dataSource;

    private static final String ON_CREATE = """
            {"name": "New contact", "trigger": {"type": "event", "event": "contact.created"},
             "steps": [{"type": "create_task", "title": "Say hello to {{firstName}}"}]}""";

    @Test
    void aReplayedEventNeverEnrolsTwice() {
        String workflow = Flows.create(tenant, ON_CREATE);
        Seed.contact(tenant, "Ana", "Soler");
        Flows.drain(worker, tenant);
        assertEquals(1, Flows.runs(tenant, workflow).size());
        assertEquals(1, sql("update workflow_cursor set position = null where tenant_id = ?"), "the worker reads the whole log again");
        Flows.drain(worker, tenant);
        assertEquals(1, Flows.runs(tenant, workflow).size());
        assertEquals(1, Flows.tasks(tenant, "title eq \"Say hello to Ana\"").size());
    }

    @Test
    void twoInstancesClaimingTheSameWaitsNeverRunAStepTwice() throws Exception {
        String workflow = Flows.create(tenant, """
                {"name": "Two steps apart", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "create_task", "title": "first {{firstName}}"}, {"type": "wait", "duration": "PT1H"},
                           {"type": "create_task", "title": "second {{firstName}}"}]}""");
        for (int i = 0; i < 24; i++) {
            Seed.contact(tenant, "C" + i, "Two");
        }
        while (worker.catchUp(tenant) > 0) {
            // enrol all of them; their steps are left to the claimers
        }
        assertEquals(24, Flows.runs(tenant, workflow).size());
        assertTrue(bothInstancesWake() >= 24, "the two instances took every run further between them");
        assertEquals(24, countTasks("first "), "and no step ran twice");
        TestTime.advance(Duration.ofHours(2));
        // the waits live only in the database: whichever instance claims them resumes them (as after a restart)
        assertTrue(bothInstancesWake() >= 24);
        assertEquals(24, countTasks("first "));
        assertEquals(24, countTasks("second "));
        assertEquals(48, sqlCount("select count(*) from workflow_step where tenant_id = ? and type = 'create_task'"));
        for (Map<String, Object> run : Flows.runs(tenant, workflow)) {
            assertEquals("completed", run.get("status"));
            assertEquals(List.of("create_task", "wait", "create_task"), Flows.run(tenant, workflow, run.get("id")).getList("steps.type"));
        }
    }

    /** Two claimers at once, as two instances would; answers how many runs they advanced together. */
    private int bothInstancesWake() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> claimer = () -> {
            start.await();
            int advanced = 0;
            for (int n; (n = worker.wake(tenant)) > 0;) {
                advanced += n;
            }
            return advanced;
        };
        List<Future<Integer>> results = new ArrayList<>(List.of(pool.submit(claimer), pool.submit(claimer)));
        start.countDown();
        int total = 0;
        for (Future<Integer> r : results) {
            total += r.get();
        }
        pool.shutdown();
        return total;
    }

    @Test
    void runsUnderWayFinishOnTheirVersionWhileNewOnesTakeTheNewOne() {
        String workflow = Flows.create(tenant, """
                {"name": "Versions", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "wait", "duration": "PT1H"}, {"type": "create_task", "title": "v1 {{firstName}}"}]}""");
        Seed.contact(tenant, "Old", "Run");
        Flows.drain(worker, tenant);
        admin(tenant).body("""
                {"steps": [{"type": "wait", "duration": "PT1H"}, {"type": "create_task", "title": "v2 {{firstName}}"}]}""")
                .when().patch("/v1/workflows/{id}", workflow).then().statusCode(200);
        TestTime.advance(Duration.ofMinutes(1));
        Seed.contact(tenant, "New", "Run");
        Flows.drain(worker, tenant);
        TestTime.advance(Duration.ofHours(2));
        Flows.drain(worker, tenant);
        assertEquals(1, Flows.tasks(tenant, "title eq \"v1 Old\"").size());
        assertEquals(1, Flows.tasks(tenant, "title eq \"v2 New\"").size());
        assertEquals(List.of(2, 1), Flows.runs(tenant, workflow).stream().map(r -> r.get("workflowVersion")).toList());
    }

    @Test
    void reEnrolmentIsAnExplicitSettingAndDisabledWorkflowsEnrolNobody() {
        String once = Flows.create(tenant, """
                {"name": "Once", "trigger": {"type": "record_changed", "objectType": "contact", "condition": "lifecycleStage eq \\"customer\\""},
                 "steps": [{"type": "create_task", "title": "Welcome customer"}]}""");
        String again = Flows.create(tenant, """
                {"name": "Again", "reenrollment": true,
                 "trigger": {"type": "record_changed", "objectType": "contact", "condition": "lifecycleStage eq \\"customer\\""},
                 "steps": [{"type": "create_task", "title": "Welcome back"}]}""");
        String off = Flows.create(tenant, """
                {"name": "Off", "enabled": false,
                 "trigger": {"type": "record_changed", "objectType": "contact", "condition": "lifecycleStage eq \\"customer\\""},
                 "steps": [{"type": "create_task", "title": "Never"}]}""");
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").lifecycleStage("lead").build());
        for (String stage : List.of("customer", "lead", "customer")) {
            admin(tenant).body(Map.of("lifecycleStage", stage)).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
            Flows.drain(worker, tenant);
        }
        assertEquals(1, Flows.runs(tenant, once).size());
        assertEquals(2, Flows.runs(tenant, again).size(), "the condition became true twice");
        assertEquals(0, Flows.runs(tenant, off).size());
    }

    @Test
    void aRunawayIsCutOffByThePerRecordRate() {
        String workflow = Flows.create(tenant, """
                {"name": "Every change", "reenrollment": true, "trigger": {"type": "event", "event": "contact.updated"},
                 "steps": [{"type": "create_task", "title": "Look at {{firstName}}"}]}""");
        String ana = Seed.contact(tenant, "Ana", "Soler");
        for (int i = 0; i < 22; i++) {
            admin(tenant).body(Map.of("firstName", "Ana" + i)).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
        }
        Flows.drain(worker, tenant);
        List<Object> statuses = Flows.runs(tenant, workflow).stream().map(r -> r.get("status")).toList();
        assertEquals(22, statuses.size());
        assertEquals(20, statuses.stream().filter("completed"::equals).count());
        assertEquals(2, statuses.stream().filter("cut_off"::equals).count());
        assertEquals(20, Flows.tasks(tenant, "title sw \"Look at\"").size());
    }

    @Test
    void aWaitForAnInboundReplyEndsWhenItComesOrTimesOut() {
        String workflow = Flows.create(tenant, """
                {"name": "Chase", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [
                   {"type": "wait", "untilEvent": {"type": "interaction.created", "match": {"direction": "inbound"}}, "timeout": "P7D"},
                   {"type": "exit", "event": {"type": "interaction.created", "match": {"direction": "inbound"}}},
                   {"type": "create_task", "title": "No reply from {{firstName}}: call"}]}""");
        String replies = Seed.contact(tenant, "Rita", "Replies");
        String silent = Seed.contact(tenant, "Sam", "Silent");
        Flows.drain(worker, tenant);
        admin(tenant).body(Map.of("type", "email", "direction", "outbound", "occurredAt", "2030-03-04T10:00:00Z", "contactId", replies,
                "purpose", "service_notifications", "consentOverrideReason", "test")).when().post("/v1/interactions");
        TestTime.advance(Duration.ofDays(1));
        admin(tenant).body(Map.of("type", "email", "direction", "inbound", "occurredAt", "2030-03-05T10:00:00Z", "contactId", replies,
                "subject", "Re: hello")).when().post("/v1/interactions").then().statusCode(201);
        Flows.drain(worker, tenant);
        JsonPath replied = runOf(workflow, replies);
        assertEquals("exited", replied.getString("status"));
        assertEquals("event_arrived", replied.getString("steps[0].reason"));
        assertEquals("goal_reached", replied.getString("steps[1].reason"));
        assertEquals("waiting", runOf(workflow, silent).getString("status"));

        TestTime.advance(Duration.ofDays(7));
        Flows.drain(worker, tenant);
        JsonPath timedOut = runOf(workflow, silent);
        assertEquals("completed", timedOut.getString("status"));
        assertEquals(List.of("timed_out", "goal_not_reached"), timedOut.getList("steps.reason").subList(0, 2));
        assertEquals(1, Flows.tasks(tenant, "title eq \"No reply from Sam: call\"").size());
        assertEquals(0, Flows.tasks(tenant, "title eq \"No reply from Rita: call\"").size());
    }

    @Test
    void consentIsCheckedWhenTheMessageIsSentNotAtEnrolment() {
        String workflow = Flows.create(tenant, """
                {"name": "Later", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "wait", "duration": "P1D"},
                           {"type": "send_message", "channel": "email", "purpose": "marketing", "body": "Hello {{firstName}}"}]}""");
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").build());
        Flows.grant(tenant, ana, "marketing", "email", "granted");
        Flows.drain(worker, tenant);
        Flows.grant(tenant, ana, "marketing", "email", "withdrawn");
        TestTime.advance(Duration.ofDays(2));
        Flows.drain(worker, tenant);
        JsonPath run = Flows.onlyRun(tenant, workflow);
        assertEquals("skipped", run.getString("steps[1].outcome"));
        assertEquals("consent", run.getString("steps[1].reason"));
        assertEquals(0, admin(tenant).queryParam("types", "message.requested").when().get("/v1/events").then()
                .extract().jsonPath().getList("data").size());
    }

    @Test
    void theFrequencyCapHoldsAFourthMarketingMessageUntilTheWindowHasRoom() {
        String workflow = Flows.create(tenant, """
                {"name": "Chatty", "reenrollment": true, "trigger": {"type": "event", "event": "contact.updated"},
                 "steps": [{"type": "send_message", "channel": "email", "purpose": "marketing", "body": "News for {{firstName}}"}]}""");
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").build());
        Flows.grant(tenant, ana, "marketing", "email", "granted");
        for (int i = 0; i < 4; i++) {
            admin(tenant).body(Map.of("lastName", "V" + i)).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
            Flows.drain(worker, tenant);
            TestTime.advance(Duration.ofHours(1));
        }
        List<Object> statuses = Flows.runs(tenant, workflow).stream().map(r -> r.get("status")).toList();
        assertEquals(List.of("waiting", "completed", "completed", "completed"), statuses, "newest first");
        JsonPath held = Flows.run(tenant, workflow, Flows.runs(tenant, workflow).getFirst().get("id"));
        assertEquals("frequency_cap", held.getString("steps[0].reason"));
        assertEquals("2030-03-11T10:00:00Z", held.getString("wakeAt"), "when the first of the three leaves the 7-day window");

        TestTime.set("2030-03-11T10:00:01Z");
        Flows.drain(worker, tenant);
        assertEquals("completed", Flows.run(tenant, workflow, held.getString("id")).getString("status"));
        assertEquals(4, admin(tenant).queryParam("types", "message.requested").when().get("/v1/events").then()
                .extract().jsonPath().getList("data").size());
    }

    @Test
    void aLifecycleStageOnlyMovesForward() {
        String workflow = Flows.create(tenant, """
                {"name": "MQL", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "update_record", "set": {"lifecycleStage": "mql"}}]}""");
        String customer = Seed.contact(tenant, Bodies.contact().firstName("Cy").lifecycleStage("customer").build());
        String lead = Seed.contact(tenant, Bodies.contact().firstName("Lu").lifecycleStage("lead").build());
        Flows.drain(worker, tenant);
        admin(tenant).when().get("/v1/contacts/{id}", customer).then().body("lifecycleStage", org.hamcrest.Matchers.equalTo("customer"));
        admin(tenant).when().get("/v1/contacts/{id}", lead).then().body("lifecycleStage", org.hamcrest.Matchers.equalTo("mql"));
        assertEquals("unchanged", runOf(workflow, customer).getString("steps[0].reason"));
        assertEquals("customer", runOf(workflow, customer).getString("steps[0].detail.kept.lifecycleStage"));
    }

    @Test
    void aStepTheServiceRefusesFailsTheRunWithTheProblemAndWritesNothingOfIt() {
        String workflow = Flows.create(tenant, """
                {"name": "Bad data", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "create_task", "title": "Before"},
                           {"type": "update_record", "set": {"email": "not an address", "ownerId": "rep-1"}},
                           {"type": "create_task", "title": "After"}]}""");
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").build());
        Flows.drain(worker, tenant);
        JsonPath run = Flows.onlyRun(tenant, workflow);
        assertEquals("failed", run.getString("status"));
        assertEquals(List.of("completed", "failed"), run.getList("steps.outcome"));
        assertEquals("validation", run.getString("steps[1].reason"));
        assertEquals("email", run.getString("steps[1].detail.field"));
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("ownerId", org.hamcrest.Matchers.nullValue());
        assertEquals(1, countTasks("Before"));
        assertEquals(0, countTasks("After"));
    }

    private JsonPath runOf(String workflow, String record) {
        Object id = Flows.runs(tenant, workflow).stream().filter(r -> record.equals(r.get("recordId"))).findFirst().orElseThrow().get("id");
        return Flows.run(tenant, workflow, id);
    }

    private int countTasks(String prefix) {
        return Flows.tasks(tenant, "title sw \"" + prefix + "\"").size();
    }

    private int sql(String statement) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setString(1, tenant);
                return ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long sqlCount(String statement) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setString(1, tenant);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
