package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Drain;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The wake pass steps a group of due runs in one transaction and writes their outcomes, positions and end events
 * set-based; a step that throws undoes the group, whose runs then go one by one: the failing run fails on its own,
 * every other run takes its step exactly once.
 */
@QuarkusTest
class WakeGroupTest extends FromAFixedMorning {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    @Inject
    WorkflowConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void oneStepThatThrowsInAGroupNeitherLosesNorDuplicatesTheOthers() {
        String hello = Flows.create(tenant, """
                {"name": "Hello", "trigger": {"type": "event", "event": "contact.created", "filter": "lastName eq \\"Fine\\""},
                 "steps": [{"type": "create_task", "title": "Hello {{firstName}}"}]}""");
        String broken = Flows.create(tenant, """
                {"name": "Broken", "trigger": {"type": "event", "event": "contact.created", "filter": "lastName eq \\"Broken\\""},
                 "steps": [{"type": "update_record", "set": {"email": "not an address"}}]}""");
        int fine = config.worker().wakeGroup() - 1;
        for (int i = 0; i < fine; i++) {
            Seed.contact(tenant, "C" + i, "Fine");
            if (i == fine / 2) {
                Seed.contact(tenant, "Bo", "Broken"); // in the middle of the group, by id
            }
        }
        // enrol them all before any is stepped, so that they are due together, in one group
        Drain.untilIdle(() -> worker.catchUp(tenant));
        assertEquals(fine + 1, count("select count(*) from workflow_run where tenant_id = ? and status = 'running'"));

        assertEquals(fine + 1, worker.wake(tenant), "every run moved in the one pass");

        List<Map<String, Object>> runs = Flows.runs(tenant, hello);
        assertEquals(fine, runs.size());
        runs.forEach(r -> assertEquals("completed", r.get("status")));
        assertEquals(fine, Flows.tasks(tenant, "title sw \"Hello \"").size(), "each task once");
        JsonPath failed = Flows.onlyRun(tenant, broken);
        assertEquals("failed", failed.getString("status"));
        assertEquals(List.of("failed"), failed.getList("steps.outcome"));
        assertEquals("validation", failed.getString("steps[0].reason"));
        assertEquals(fine + 1, count("select count(*) from workflow_step where tenant_id = ?"), "one outcome per run, none twice");
        assertEquals(fine, events("workflow.run_completed"));
        assertEquals(1, events("workflow.run_failed"));
        assertEquals(0, worker.wake(tenant), "nothing is left due");
    }

    @Test
    void aGroupWithoutFailuresWritesEachRunsOutcomeAndEndEventAsItsOwnWorkflow() {
        String first = Flows.create(tenant, """
                {"name": "First", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "create_task", "title": "First {{firstName}}"}]}""");
        String second = Flows.create(tenant, """
                {"name": "Second", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "wait", "duration": "PT1H"}, {"type": "create_task", "title": "Later {{firstName}}"}]}""");
        for (int i = 0; i < 5; i++) {
            Seed.contact(tenant, "G" + i, "Group");
        }
        // enrol every run first
        Drain.untilIdle(() -> worker.catchUp(tenant));
        worker.wake(tenant);
        Flows.runs(tenant, first).forEach(r -> assertEquals("completed", r.get("status")));
        Flows.runs(tenant, second).forEach(r -> assertEquals("waiting", r.get("status")));
        JsonPath waiting = Flows.run(tenant, second, Flows.runs(tenant, second).getFirst().get("id"));
        assertEquals("2030-03-04T11:00:00Z", waiting.getString("wakeAt"));
        assertEquals("waiting", waiting.getString("steps[0].outcome"));
        List<String> actors = admin(tenant).queryParam("types", "workflow.run_completed").when().get("/v1/events").then().statusCode(200)
                .extract().path("data.actor");
        assertEquals(5, actors.size());
        actors.forEach(a -> assertEquals("workflow:" + first, a));
    }

    private long events(String type) {
        return admin(tenant).queryParam("types", type).queryParam("limit", 200).when().get("/v1/events").then().statusCode(200)
                .extract().jsonPath().getList("data").size();
    }

    private long count(String statement) {
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
