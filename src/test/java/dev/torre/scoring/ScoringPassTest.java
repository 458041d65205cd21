package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Drain;

/**
 * A tenant's pass ends at its row budget or its time, whichever comes first, and says whether work is left; a round
 * serves several tenants at once (the configured parallelism) and answers each one's share in the order given.
 */
@QuarkusTest
class ScoringPassTest {

    @Inject
    ScoringWorker worker;

    @Inject
    ScoringConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void aPassPastItsTimeStopsAfterOneBatchAndTheNextPassFinishes() {
        String tenant = newTenant();
        int batch = config.worker().eventBatch();
        new ScoringData(dataSource).backlog(tenant, batch + 200);

        ScoringWorker.Pass late = worker.pass(tenant, 100 * batch, System.nanoTime());
        assertEquals(batch, late.rows(), "one batch of events, then the time was up although rows were left in the budget");
        assertTrue(late.more(), "the pass says the tenant has work left");
        assertEquals(batch, scored(tenant));

        ScoringWorker.Pass next = worker.pass(tenant, 100 * batch, System.nanoTime() + Duration.ofMinutes(10).toNanos());
        assertFalse(next.more(), "with time enough the pass works everything off");
        assertEquals(batch + 200, scored(tenant));
    }

    @Test
    void aSingleWriteBehindABacklogIsScoredAheadOfItAndTheCursorStillReadsEverything() {
        String tenant = newTenant();
        int batch = config.worker().eventBatch();
        new ScoringData(dataSource).backlog(tenant, 3 * batch);
        String id = admin(tenant).contentType("application/json")
                .body(Map.of("firstName", "Hand", "lastName", "Made", "lifecycleStage", "mql"))
                .post("/v1/contacts").then().statusCode(201).extract().path("id");

        // a budget of a page and 20 rows: the page, the read ahead's few events, then the rest of the budget
        ScoringWorker.Pass first = worker.pass(tenant, batch + 20, System.nanoTime() + Duration.ofMinutes(10).toNanos());
        assertEquals(batch + 20, first.rows(), "the read ahead's events count in the budget");
        assertTrue(first.more());
        long scored = scored(tenant);
        assertTrue(scored > batch && scored <= batch + 20, "the backlog's first contacts and the single write: " + scored);
        admin(tenant).when().get("/v1/contacts/" + id + "/score").then().statusCode(200)
                .body("factors.name", hasItem("Marketing qualified"));

        Drain.untilIdle(() -> worker.round(List.of(tenant), 1000).values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(3 * batch + 1, scored(tenant), "the cursor read every event, the one read ahead included");
    }

    @Test
    void aReadAheadLeavesTheTransactionsOfABatchToTheCursor() {
        String tenant = newTenant();
        new ScoringData(dataSource).backlog(tenant, 300);
        assertEquals(0, worker.readAhead(tenant, java.time.Instant.now(), 1000), "one transaction of 300 events is not a single write");
        assertEquals(0, scored(tenant));
    }

    @Test
    void aReadAheadScoresAtMostItsAllowanceTheNewestSingleWritesFirst() {
        String tenant = newTenant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(dev.torre.testing.Seed.contactWithEmail(tenant, "single" + i + "@acme.es"));
        }
        // a page of one publishes the events (a read ahead reads only what a page has published) and scores the first
        assertEquals(1, worker.catchUp(tenant, java.time.Instant.now(), 1));
        assertEquals(10, worker.readAhead(tenant, java.time.Instant.now(), 10), "ten of the eleven single writes past the cursor");
        assertEquals(11, scored(tenant));
        assertFalse(hasScore(tenant, ids.get(1)), "the oldest past the cursor is left to it");
        assertTrue(hasScore(tenant, ids.get(2)) && hasScore(tenant, ids.getLast()));
        Drain.untilIdle(() -> worker.round(List.of(tenant), 1000).values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(12, scored(tenant), "the cursor scores every one");
    }

    private boolean hasScore(String tenant, String contact) {
        return count(tenant, "select count(*) from contact_score where tenant_id = ? and contact_id = cast(? as uuid)", contact) > 0;
    }

    @Test
    void aRoundServesSeveralTenantsAtOnceEachItsShareInOrder() {
        assertTrue(config.worker().parallelism() >= 2, "the default serves tenants in parallel");
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tenants.add(newTenant());
            new ScoringData(dataSource).backlog(tenants.getLast(), 120);
        }

        Map<String, Integer> first = worker.round(tenants, 50);
        assertEquals(tenants, new ArrayList<>(first.keySet()), "every tenant answered, in the order given");
        first.values().forEach(rows -> assertEquals(50, rows));
        tenants.forEach(t -> assertEquals(50, scored(t)));

        Map<String, Integer> second = worker.round(tenants, 50);
        second.values().forEach(rows -> assertEquals(50, rows));
        tenants.forEach(t -> assertEquals(100, scored(t), "the next round goes on from each tenant's cursor"));

        Drain.untilIdle(() -> worker.round(tenants, 1000).values().stream().mapToInt(Integer::intValue).sum());
        tenants.forEach(t -> assertEquals(120, scored(t)));
    }

    private long scored(String tenant) {
        return count(tenant, "select count(*) from contact_score where tenant_id = ?");
    }

    /** A count read as the tenant; the statement's first parameter is the tenant, the others follow. */
    private long count(String tenant, String sql, Object... more) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                for (int i = 0; i < more.length; i++) {
                    ps.setObject(i + 2, more[i]);
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
