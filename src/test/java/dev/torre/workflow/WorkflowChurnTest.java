package dev.torre.workflow;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.scoring.ScoringWorker;
import dev.torre.testing.Bodies;
import dev.torre.testing.Drain;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sixth scenario: churn risk crossing a threshold is an event (contact.churn_risk_crossed), and a workflow
 * triggered by it, filtered on the risk now, gives the contact's owner a retention task once per crossing.
 */
@QuarkusTest
class WorkflowChurnTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final String tenant = newTenant();

    @Inject
    ScoringWorker scoring;

    @Inject
    WorkflowWorker worker;

    @Inject
    DataSource dataSource;

    @Test
    void aChurnRiskCrossingUpwardsStartsARetentionWorkflowOnce() {
        String workflow = Flows.create(tenant, """
                {"name": "Churn alarm", "trigger": {"type": "event", "event": "contact.churn_risk_crossed", "filter": "churnRisk ge 0.7"},
                 "steps": [{"type": "create_task", "title": "Retention call: {{email}}", "due": "P1D", "assignTo": "owner"}]}""");
        String calm = Seed.contact(tenant, Bodies.contact().email("calm@acme.es").lifecycleStage("lead").build());
        Flows.drain(worker, tenant);
        model(1, 2.0); // every customer's risk becomes 0.88: it crosses 0.5 and 0.7 upwards
        String customer = Seed.contact(tenant, Bodies.contact().email("c@acme.es").lifecycleStage("customer").build());
        scorePasses();
        Flows.drain(worker, tenant);

        List<Map<String, Object>> runs = Flows.runs(tenant, workflow);
        assertEquals(1, runs.size(), "two crossings of one contact enrol it once (no re-enrolment): " + runs);
        assertEquals(customer, runs.getFirst().get("recordId"));
        assertEquals(1, Flows.tasks(tenant, "title eq \"Retention call: c@acme.es\"").size());
        assertEquals(List.of(), Flows.tasks(tenant, "title eq \"Retention call: calm@acme.es\""), calm + " crossed nothing");
    }

    private void scorePasses() {
        Drain.untilIdle(() -> scoring.catchUp(tenant, NOW));
        Drain.untilIdle(() -> scoring.rescoreStep(tenant, NOW, 1000));
    }

    /** A ready churn model with no features: every customer's risk is the logistic of the intercept. */
    private void model(int version, double intercept) {
        TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    insert into scoring_model (tenant_id, id, kind, model_version, status, intercept, trained_at, version,
                                               created_at, updated_at)
                    values (?, gen_random_uuid(), 'churn', ?, 'ready', ?, now(), 1, now(), now())
                    """)) {
                ps.setString(1, tenant);
                ps.setInt(2, version);
                ps.setDouble(3, intercept);
                return ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
