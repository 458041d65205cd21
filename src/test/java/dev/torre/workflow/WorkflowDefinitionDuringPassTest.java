package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two claimers of the workflow cursor and a definition written while one holds it: the write does not wait for the
 * pass (it used to lock the cursor and answer 503 when the pass outlasted the statement timeout), and what the pass
 * read without seeing the new workflow is caught up by the next pass, once.
 */
@QuarkusTest
class WorkflowDefinitionDuringPassTest {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    @Inject
    EventFeed feed;

    @Inject
    DataSource dataSource;

    @Test
    void aWorkflowIsDefinedWhileAnotherInstanceHoldsTheCursorAndWhatThatPassSkippedStillEnrols() throws Exception {
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").build());
        Flows.drain(worker, tenant); // the cursor row exists and stands after Ana's creation

        try (Connection other = TenantContext.callAs(tenant, this::connection)) {
            other.setAutoCommit(false);
            // instance A claims the cursor as a pass does, and holds it
            exec(other, "select 1 from workflow_cursor where tenant_id = ? for update skip locked");
            assertEquals(0, worker.catchUp(tenant), "instance B finds the cursor held and skips the tenant");

            // while A holds it, two workflows are defined: the writes answer at once instead of waiting for A
            String changed = Flows.create(tenant, """
                    {"name": "VIP", "trigger": {"type": "record_changed", "objectType": "contact", "condition": "lastName eq \\"Vip\\""},
                     "steps": [{"type": "create_task", "title": "Welcome {{firstName}}", "due": "P1D"}]}""");
            String updated = Flows.create(tenant, """
                    {"name": "Touched", "trigger": {"type": "event", "event": "contact.updated"},
                     "steps": [{"type": "create_task", "title": "Touched {{firstName}}", "due": "P1D"}]}""");
            admin(tenant).contentType("application/merge-patch+json").body(Map.of("name", "Touched again"))
                    .when().patch("/v1/workflows/{id}", updated).then().statusCode(200);
            admin(tenant).contentType("application/merge-patch+json").body(Map.of("lastName", "Vip"))
                    .when().patch("/v1/contacts/{id}", ana).then().statusCode(200);

            // A's pass read that update without seeing either workflow, and moves the cursor past it
            exec(other, "update workflow_cursor set position = '" + feed.end(tenant) + "' where tenant_id = ?");
            other.commit();

            Flows.drain(worker, tenant);
            assertEquals(1, Flows.runs(tenant, changed).size(), "the record that entered the condition is enrolled once");
            assertEquals(1, Flows.runs(tenant, updated).size(), "the event the other pass read enrols once");
        }
        Flows.drain(worker, tenant);
        assertEquals(2, Flows.tasks(tenant, "title sw \"Welcome\" or title sw \"Touched\"").size(), "each step ran once");
    }

    @Test
    void recordsMatchingWhenTheTriggerIsDefinedAreTheBaselineAndDoNotFire() {
        Seed.contact(tenant, Bodies.contact().firstName("Bea").lastName("Vip").build());
        Flows.drain(worker, tenant);
        String changed = Flows.create(tenant, """
                {"name": "VIP", "trigger": {"type": "record_changed", "objectType": "contact", "condition": "lastName eq \\"Vip\\""},
                 "steps": [{"type": "create_task", "title": "Welcome {{firstName}}", "due": "P1D"}]}""");
        Flows.drain(worker, tenant);
        assertEquals(List.of(), Flows.runs(tenant, changed), "the catch-up fires nothing for the baseline");
        Seed.contact(tenant, Bodies.contact().firstName("Cai").lastName("Vip").build());
        Flows.drain(worker, tenant);
        assertEquals(1, Flows.runs(tenant, changed).size(), "a record entering afterwards fires");
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exec(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.execute();
        }
    }
}
