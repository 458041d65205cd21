package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torre.testing.Bodies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bounded background work: each tenant gets a share of rows per pass, so one tenant's backlog cannot keep another
 * tenant's change from being scored; a full rescore runs in bounded batches with stored progress; training runs
 * outside the scoring loop. Counted in rows, never in time.
 */
@QuarkusTest
class ScoringFairnessTest {

    @Inject
    ScoringWorker worker;

    @Inject
    DataSource dataSource;

    private static List<String> contacts(String tenant, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Seed.contactWithEmail(tenant, "c" + i + "@acme.es"));
        }
        return ids;
    }

    /** Runs passes over the tenants until none has work left. */
    private void drain(List<String> tenants) {
        for (int i = 0; i < 100; i++) {
            if (worker.round(tenants, 1000).values().stream().allMatch(done -> done == 0)) {
                return;
            }
        }
        throw new AssertionError("the worker never became idle");
    }

    @Test
    void aTenantsChangeIsScoredInTheSamePassWhileAnotherTenantHasALargeBacklog() {
        String busy = newTenant();
        String quiet = newTenant();
        contacts(busy, 30);
        String mine = Seed.contactWithEmail(quiet, "me@acme.es");

        Map<String, Integer> done = worker.round(List.of(busy, quiet), 10);

        assertEquals(10, done.get(busy), "the busy tenant got exactly its share");
        assertEquals(10, scored(busy), "ten of its thirty contacts are scored; the rest wait for the next pass");
        assertEquals(1, scored(quiet), "the quiet tenant's contact was scored in the same pass");
        assertTrue(scoreOf(quiet, mine) >= 0);

        drain(List.of(busy, quiet));
        assertEquals(30, scored(busy), "later passes work the backlog off");
    }

    @Test
    void aFullRescoreRunsInBoundedBatchesWithStoredProgressAndOtherTenantsInBetween() {
        String big = newTenant();
        String other = newTenant();
        List<String> ids = contacts(big, 25);
        drain(List.of(big, other));
        Map<String, Long> before = new java.util.HashMap<>();
        ids.forEach(id -> before.put(id, scoreOf(big, id)));
        assertTrue(before.values().stream().allMatch(v -> v >= 0 && v <= 80), before.toString());

        // a rule every contact matches: everyone must be rescored
        admin(big).body(Bodies.scoringRule().name("Spanish domain").kind("attribute").condition("email ew \".es\"").points(20).build()).when().post("/v1/scoring/rules").then().statusCode(201);
        String late = Seed.contactWithEmail(other, "late@acme.es");

        worker.round(List.of(big, other), 10);
        assertTrue(rescorePending(big), "one pass did not finish the rescore");
        long rescored = ids.stream().filter(id -> scoreOf(big, id) == before.get(id) + 20).count();
        assertTrue(rescored > 0 && rescored < 25, "part of the contacts were rescored: " + rescored);
        assertTrue(scoreOf(other, late) >= 0, "the other tenant was served in the same pass");

        drain(List.of(big, other));
        assertEquals(false, rescorePending(big));
        assertEquals(25, ids.stream().filter(id -> scoreOf(big, id) == before.get(id) + 20).count(),
                "in the end every contact was rescored");
    }

    @Test
    void trainingRunsOutsideTheScoringLoop() {
        String tenant = newTenant();
        contacts(tenant, 2);
        String job = admin(tenant).when().post("/v1/scoring/models/lead_conversion/train").then().statusCode(202)
                .extract().path("id");
        drain(List.of(tenant));
        admin(tenant).when().get("/v1/scoring/jobs/{id}", job).then().statusCode(200).body("status", equalTo("queued"));
        assertTrue(worker.train(tenant) >= 1, "the training schedule runs the queued job");
        admin(tenant).when().get("/v1/scoring/jobs/{id}", job).then().statusCode(200)
                .body("status", equalTo("insufficient_data"));
    }

    private int scored(String tenant) {
        return (int) query(tenant, "select count(*) from contact_score where tenant_id = ?");
    }

    private long scoreOf(String tenant, String contact) {
        return query(tenant, "select coalesce((select value from contact_score where tenant_id = ? and contact_id = cast(? as uuid)), -1)",
                contact);
    }

    private boolean rescorePending(String tenant) {
        return query(tenant, "select case when rescore_pending then 1 else 0 end from scoring_cursor where tenant_id = ?") == 1;
    }

    private long query(String tenant, String sql, String... values) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                for (int i = 0; i < values.length; i++) {
                    ps.setString(i + 2, values[i]);
                }
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
