package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.segment.SegmentWorker;
import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The automation's lags are on /q/metrics as Prometheus histograms: segment membership lag (write to membership
 * change) and workflow trigger-to-first-step lag, each counting once per change or first step.
 */
@QuarkusTest
class LagMetricsTest {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker workflows;

    @Inject
    SegmentWorker segments;

    @Test
    void aFirstStepCountsInTheWorkflowTriggerToFirstStepLag() {
        Flows.create(tenant, """
                {"name": "Greet", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "create_task", "title": "Greet {{firstName}}"}, {"type": "create_task", "title": "Again {{firstName}}"}]}""");
        double before = count("torre_workflow_first_step_lag_seconds_count");
        Seed.contact(tenant, "Ana", "Lag");
        Seed.contact(tenant, "Ben", "Lag");
        Flows.drain(workflows, tenant);
        assertEquals(2, Flows.tasks(tenant, "title sw \"Again \"").size());
        assertEquals(before + 2, count("torre_workflow_first_step_lag_seconds_count"), "one per run's first step, not per step");
        assertTrue(metrics().contains("torre_workflow_first_step_lag_seconds_bucket{"), "a histogram, for p50/p95");
    }

    @Test
    void aRecordEnteringOrLeavingASegmentCountsInTheMembershipLag() {
        String lead = Seed.contact(tenant, Bodies.contact().email("lag@acme.es").lifecycleStage("lead").build());
        String segment = admin(tenant).body(Map.of("name", "Customers", "objectType", "contact", "filter", "lifecycleStage eq \"customer\""))
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        while (segments.sweep(tenant, Integer.MAX_VALUE) > 0) {
            // the backfill is no write: it counts nothing
        }
        while (segments.catchUp(tenant) > 0) {
            // read what was written so far
        }
        double before = count("torre_segment_membership_lag_seconds_count");
        admin(tenant).body(Map.of("lifecycleStage", "customer")).when().patch("/v1/contacts/{id}", lead).then().statusCode(200);
        admin(tenant).body(Map.of("firstName", "Still a customer")).when().patch("/v1/contacts/{id}", lead).then().statusCode(200);
        while (segments.catchUp(tenant) > 0) {
            // until the worker has read both writes
        }
        admin(tenant).when().get("/v1/segments/{id}/members", segment).then().statusCode(200);
        assertEquals(before + 1, count("torre_segment_membership_lag_seconds_count"), "one entry; a write that changes no membership counts nothing");
        assertTrue(metrics().contains("torre_segment_membership_lag_seconds_bucket{"));
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of a metric line without labels. */
    private static double count(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
