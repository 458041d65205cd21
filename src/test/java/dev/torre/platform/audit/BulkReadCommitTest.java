package dev.torre.platform.audit;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Keeping reads commits without waiting for the disk only when it is a transaction of its own: a read audited inside
 * a transaction that also writes must leave that transaction's commit as durable as configured.
 */
@QuarkusTest
class BulkReadCommitTest {

    private final String tenant = newTenant();

    @Inject
    BulkReadGuard guard;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Test
    void readsKeptInsideATransactionLeaveItsCommitDurable() {
        BulkReadGuard.Reader reader = new BulkReadGuard.Reader("auditor-1", tenant, "127.0.0.1");
        Object[] seen = TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> {
            // the test cluster runs without synchronous commits: ask for them, as a production database has them
            em.createNativeQuery("select set_config('synchronous_commit', 'on', true)").getSingleResult();
            guard.returnedAfterDisconnect(reader, Map.of("contact", 7));
            // the kept row is visible here before the commit: the guard wrote on this transaction's connection
            Number kept = (Number) em.createNativeQuery("select coalesce(sum(record_count), 0) from bulk_read where actor = 'auditor-1'")
                    .getSingleResult();
            String mode = (String) em.createNativeQuery("select current_setting('synchronous_commit')").getSingleResult();
            return new Object[] { kept.intValue(), mode };
        }));
        assertEquals(7, seen[0], "the read is kept in the surrounding transaction");
        assertEquals("on", seen[1], "the surrounding transaction still commits durably");
    }

    @Test
    void readsKeptOnTheirOwnAreCommitted() {
        BulkReadGuard.Reader reader = new BulkReadGuard.Reader("auditor-2", tenant, "127.0.0.1");
        TenantContext.callAs(tenant, () -> {
            guard.returnedAfterDisconnect(reader, Map.of("contact", 3));
            return null;
        });
        int kept = TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection();
                    ResultSet r = c.createStatement().executeQuery(
                            "select coalesce(sum(record_count), 0) from bulk_read where actor = 'auditor-2'")) {
                r.next();
                return r.getInt(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(3, kept, "the read was kept and committed on a connection of its own");
    }
}
