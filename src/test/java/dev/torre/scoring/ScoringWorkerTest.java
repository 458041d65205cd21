package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Drain;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** The scoring worker finds tenants by their events, resumes from its cursor, and leaves a tenant another instance holds. */
@QuarkusTest
class ScoringWorkerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    ScoringWorker worker;

    @Inject
    DataSource dataSource;

    @Test
    void aTenantIsKnownFromItsFirstEventAndReadOnce() {
        String tenant = newTenant();
        String contact = Seed.contactWithEmail(tenant, "x@gmail.com");
        assertTrue(worker.tenants().contains(tenant));
        assertTrue(worker.catchUp(tenant, NOW) >= 1);
        // the first pass made the tenant's default rules, whose events the second pass reads
        assertTrue(worker.catchUp(tenant, NOW) >= 1);
        assertEquals(0, worker.catchUp(tenant, NOW), "the cursor moved past what was read");
        admin(tenant).when().get("/v1/contacts/" + contact).then().body("leadScore", equalTo(0));
        admin(tenant).body(java.util.Map.of("email", "x@acme.es")).when().patch("/v1/contacts/" + contact).then().statusCode(200);
        assertEquals(1, worker.catchUp(tenant, NOW));
    }

    @Test
    void aTenantHeldByAnotherInstanceIsSkipped() throws Exception {
        String tenant = newTenant();
        Seed.contactWithEmail(tenant, "y@gmail.com");
        assertTrue(worker.catchUp(tenant, NOW) >= 1, "the first pass creates the tenant's cursor");
        Seed.contactWithEmail(tenant, "z@gmail.com");
        try (Connection other = TenantContext.callAs(tenant, this::connection)) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "select position from scoring_cursor where tenant_id = ? for update")) {
                lock.setString(1, tenant);
                lock.executeQuery().close();
            }
            assertEquals(0, worker.catchUp(tenant, NOW));
            assertEquals(0, worker.decay(tenant, NOW));
            other.rollback();
        }
        assertTrue(worker.catchUp(tenant, NOW) >= 1);
    }

    @Test
    void aPassGivesWayToARequestHoldingItsContactsAndLosesNothing() throws Exception {
        String tenant = newTenant();
        String contact = Seed.contactWithEmail(tenant, "w@gmail.com");
        try (Connection request = TenantContext.callAs(tenant, this::connection)) {
            request.setAutoCommit(false);
            try (PreparedStatement lock = request.prepareStatement(
                    "select id from contact where tenant_id = ? and id = cast(? as uuid) for update")) {
                lock.setString(1, tenant);
                lock.setString(2, contact);
                lock.executeQuery().close();
            }
            // the pass would copy the new score onto the locked contact: it waits half a second, then gives way
            RuntimeException gaveWay = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> worker.catchUp(tenant, NOW));
            assertTrue(lockTimedOut(gaveWay), "the pass failed otherwise than by its lock timeout: " + gaveWay);
            request.rollback();
        }
        int[] read = { 0 };
        Drain.untilIdle(() -> {
            int events = worker.catchUp(tenant, NOW);
            read[0] += events;
            return events;
        });
        assertTrue(read[0] >= 1, "the events are read again after the pass that gave way");
        admin(tenant).when().get("/v1/contacts/" + contact).then().body("leadScore", org.hamcrest.Matchers.notNullValue());
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether PostgreSQL refused a lock within the pass's lock_timeout (SQLState 55P03) somewhere in the causes. */
    private static boolean lockTimedOut(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
