package dev.torre.segment;

import static dev.torre.segment.SegmentMembershipTest.segment;
import static dev.torre.testing.Api.admin;
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
 * Segments follow scores through scoring's events: a lead score that moves (contact.score_changed) and a churn risk
 * that crosses a configured threshold (contact.churn_risk_crossed, either way, once per crossing).
 */
@QuarkusTest
class SegmentScoreTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final String tenant = newTenant();

    @Inject
    SegmentWorker segments;

    @Inject
    ScoringWorker scoring;

    @Inject
    DataSource dataSource;

    private void passes() {
        Drain.untilIdle(() -> scoring.catchUp(tenant, NOW));
        Drain.untilIdle(() -> scoring.rescoreStep(tenant, NOW, 1000));
        Drain.untilIdle(() -> segments.catchUp(tenant));
    }

    private List<String> members(String segment) {
        return admin(tenant).when().get("/v1/segments/{id}/members", segment).then().statusCode(200).extract().path("data.id");
    }

    private List<Map<String, Object>> events(String type) {
        return admin(tenant).queryParam("types", type).queryParam("limit", 1000).when().get("/v1/events").then()
                .statusCode(200).extract().path("data");
    }

    @Test
    void aLeadScoreSegmentFollowsTheScoreWhenItChanges() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").lifecycleStage("lead").build());
        passes();
        admin(tenant).body("""
                {"name":"Marketing qualified","kind":"attribute","condition":"lifecycleStage eq \\"mql\\"","points":90}
                """).when().post("/v1/scoring/rules").then().statusCode(201);
        passes();
        String hot = segment(tenant, "contact", "leadScore ge 60");
        assertEquals(List.of(), members(hot));

        admin(tenant).body(Map.of("lifecycleStage", "mql")).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
        passes();
        assertEquals(List.of(ana), members(hot), "the score's event re-evaluated the contact");
        assertEquals(ana, events("contact.score_changed").getLast().get("entityId"));

        admin(tenant).body(Map.of("lifecycleStage", "lead")).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
        passes();
        assertEquals(List.of(), members(hot));
    }

    @Test
    void churnRiskCrossingAThresholdIsAnEventOnceAndSegmentsFollowIt() {
        model(1, 2.0); // p = 0.8808
        String customer = Seed.contact(tenant, Bodies.contact().email("c@acme.es").lifecycleStage("customer").build());
        String atRisk = segment(tenant, "contact", "churnRisk ge 0.7");
        passes();
        admin(tenant).when().get("/v1/contacts/{id}", customer).then().statusCode(200);
        List<Map<String, Object>> crossed = events("contact.churn_risk_crossed");
        assertEquals(2, crossed.size(), "a first risk of 0.88 crosses 0.5 and 0.7 upwards: " + crossed);
        assertEquals(List.of("up", "up"), crossed.stream().map(e -> payload(e).get("direction")).toList());
        assertEquals(List.of(0.5f, 0.7f), crossed.stream().map(e -> ((Number) payload(e).get("threshold")).floatValue()).toList());
        assertEquals(List.of(customer), members(atRisk), "the crossing re-evaluated the contact");

        admin(tenant).body(Map.of("phone", "+34600000001")).when().patch("/v1/contacts/{id}", customer).then().statusCode(200);
        passes();
        assertEquals(2, events("contact.churn_risk_crossed").size(), "an unchanged risk announces nothing");

        model(2, -2.0); // p = 0.1192
        admin(tenant).body(Map.of("phone", "+34600000002")).when().patch("/v1/contacts/{id}", customer).then().statusCode(200);
        passes();
        crossed = events("contact.churn_risk_crossed");
        assertEquals(4, crossed.size());
        assertEquals("down", payload(crossed.getLast()).get("direction"));
        assertEquals(0.8808, ((Number) payload(crossed.getLast()).get("before")).doubleValue(), 1e-6);
        assertEquals(0.1192, ((Number) payload(crossed.getLast()).get("after")).doubleValue(), 1e-6);
        assertEquals(List.of(), members(atRisk), "falling below 0.7 takes the contact out");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> event) {
        return (Map<String, Object>) event.get("payload");
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
