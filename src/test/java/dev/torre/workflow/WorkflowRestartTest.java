package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A restart during a wait, at the mechanism: an instance that claimed a run whose wait is over dies in the middle of
 * the next step (its database session is killed, as when its process or host goes away). Its claim is its
 * transaction, so the row lock and the step's half-written effects vanish with it; another instance takes the run
 * and sends the message exactly once.
 */
@QuarkusTest
class WorkflowRestartTest extends FromAFixedMorning {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    @Inject
    DataSource dataSource;

    @Test
    void aRunWhoseClaimerDiedMidStepIsResumedByAnotherInstanceExactlyOnce() throws Exception {
        String workflow = Flows.create(tenant, """
                {"name": "Follow up", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "wait", "duration": "PT1H"},
                           {"type": "send_message", "channel": "email", "purpose": "service_notifications", "body": "Still there, {{firstName}}?"}]}""");
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").build());
        Flows.grant(tenant, ana, "service_notifications", "email", "granted");
        Flows.drain(worker, tenant);
        JsonPath waiting = Flows.onlyRun(tenant, workflow);
        assertEquals("waiting", waiting.getString("status"));
        UUID run = UUID.fromString(waiting.getString("id"));
        TestTime.advance(Duration.ofHours(2));

        Connection dying = TenantContext.callAs(tenant, this::connection);
        try (Connection other = dataSource.getConnection()) {
            dying.setAutoCommit(false);
            // instance A claims the run as the wake pass does, and gets as far as writing the message of the next step
            assertEquals(1, count(dying, "select count(*) from (select 1 from workflow_run where tenant_id = ? and id = '" + run
                    + "' and status = 'waiting' for update skip locked) claimed"));
            exec(dying, "insert into workflow_message (tenant_id, id, contact_id, purpose, channel, run_id, sent_at) values (?, '"
                    + UUID.randomUUID() + "', '" + ana + "', 'service_notifications', 'email', '" + run + "', now())");
            exec(dying, "update workflow_run set step_count = step_count + 1, position = '/2' where tenant_id = ? and id = '" + run + "'");
            long pid = count(dying, "select pg_backend_pid() where ? is not null");

            assertEquals(0, worker.wake(tenant), "instance B skips the run while A holds it");
            assertEquals(0, messagesRequested());

            // A dies: its session ends without a commit
            try (PreparedStatement kill = other.prepareStatement("select pg_terminate_backend(?)")) {
                kill.setInt(1, (int) pid);
                kill.executeQuery();
            }
            assertThrows(SQLException.class, () -> dying.commit(), "A's work can never commit");
        } finally {
            try {
                dying.close();
            } catch (SQLException e) {
                // a killed session may refuse to be handed back cleanly; the pool discards it
            }
        }

        assertEquals(1, worker.wake(tenant), "instance B takes the run over");
        assertEquals(0, worker.wake(tenant), "and nothing is left to do");
        Flows.drain(worker, tenant);
        JsonPath done = Flows.onlyRun(tenant, workflow);
        assertEquals("completed", done.getString("status"));
        assertEquals(List.of("wait", "send_message"), done.getList("steps.type"), "each step once");
        assertEquals(1, messagesRequested(), "one message.requested");
        assertEquals(1L, TenantContext.callAs(tenant, () -> {
            try (Connection c = connection()) {
                return count(c, "select count(*) from workflow_message where tenant_id = ?");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }), "A's half-written message is gone; B's is the only one");
        assertEquals(1, admin(tenant).queryParam("filter", "direction eq \"outbound\"").when().get("/v1/interactions").then().statusCode(200)
                .extract().jsonPath().getList("data").size(), "one queued interaction");
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void exec(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.executeUpdate();
        }
    }

    private int messagesRequested() {
        return admin(tenant).queryParam("types", "message.requested").when().get("/v1/events").then()
                .extract().jsonPath().getList("data").size();
    }
}
