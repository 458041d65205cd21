package dev.torre.platform.tenancy;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.torre.platform.config.TorreConfig;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The remembered tenant stamp when transactions complete out of order with the pool's hand-overs: a connection
 * stamped in one transaction goes back to the pool when that transaction ends, and may be stamped for another
 * tenant by the next request before the first transaction's own completion callback has run. That late callback
 * must not make the connection count as carrying the first tenant, or the first tenant's next request would skip
 * the stamp and run under the other tenant's row-level security. The order is played by hand on a real connection;
 * only the transaction manager's callbacks are replayed by the test.
 */
@QuarkusTest
class TenantStampRaceTest {

    @Inject
    TorreConfig config;

    private final String tenantA = newTenant();
    private final String tenantB = newTenant();

    @Test
    void aLateCommitCallbackDoesNotVouchForAConnectionStampedAgainSince() throws SQLException {
        Callbacks callbacks = new Callbacks();
        TenantConnectionInterceptor stamps = interceptor(callbacks);
        try (Connection c = connection()) {
            stampAndCommit(stamps, c, tenantA); // transaction 1 stamps A
            Synchronization first = callbacks.take();

            TenantContext.callAs(tenantB, () -> acquire(stamps, c)); // the pool hands it on: transaction 2 stamps B
            first.afterCompletion(Status.STATUS_COMMITTED); // transaction 1's callback runs only now
            c.commit();
            callbacks.take().afterCompletion(Status.STATUS_COMMITTED);
            assertEquals(tenantB, carried(c), "the connection carries the last stamp");

            TenantContext.callAs(tenantA, () -> acquire(stamps, c));
            assertEquals(tenantA, carried(c), "A's next use is stamped for A, not left with B's stamp");
        }
    }

    @Test
    void aStampRolledBackIsStampedAgain() throws SQLException {
        Callbacks callbacks = new Callbacks();
        TenantConnectionInterceptor stamps = interceptor(callbacks);
        try (Connection c = connection()) {
            stampAndCommit(stamps, c, tenantA);
            callbacks.take().afterCompletion(Status.STATUS_COMMITTED);

            TenantContext.callAs(tenantB, () -> acquire(stamps, c));
            c.rollback(); // PostgreSQL reverts the stamp to A's
            callbacks.take().afterCompletion(Status.STATUS_ROLLEDBACK);
            assertEquals(tenantA, carried(c));

            TenantContext.callAs(tenantB, () -> acquire(stamps, c));
            assertEquals(tenantB, carried(c), "B's stamp, reverted by the rollback, is made again");
        }
    }

    private TenantConnectionInterceptor interceptor(Callbacks callbacks) {
        TenantConnectionInterceptor stamps = new TenantConnectionInterceptor();
        stamps.transactions = callbacks;
        stamps.config = config;
        stamps.init();
        return stamps;
    }

    /** A connection of the application's role outside the pool, with transactions of its own. */
    private static Connection connection() throws SQLException {
        var settings = ConfigProvider.getConfig();
        Connection c = DriverManager.getConnection(settings.getValue("quarkus.datasource.jdbc.url", String.class),
                settings.getValue("quarkus.datasource.username", String.class),
                settings.getValue("quarkus.datasource.password", String.class));
        c.setAutoCommit(false);
        return c;
    }

    private static void stampAndCommit(TenantConnectionInterceptor stamps, Connection c, String tenant) throws SQLException {
        TenantContext.callAs(tenant, () -> acquire(stamps, c));
        c.commit();
    }

    private static Void acquire(TenantConnectionInterceptor stamps, Connection c) {
        stamps.onConnectionAcquire(c);
        return null;
    }

    private static String carried(Connection c) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery("select current_setting('torre.tenant')")) {
            r.next();
            return r.getString(1);
        }
    }

    /** A transaction that is always open, whose completion callbacks the test runs when it chooses. */
    private static final class Callbacks implements TransactionSynchronizationRegistry {
        private final List<Synchronization> registered = new ArrayList<>();

        Synchronization take() {
            assertEquals(1, registered.size(), "one completion callback per stamp made in a transaction");
            return registered.removeFirst();
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            registered.add(sync);
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
