package dev.torre.platform.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.agroal.api.AgroalPoolInterceptor;

/**
 * The database's tenancy wall: stamps each pooled connection with {@code torre.tenant},
 * which the row-level security policies read. A connection keeps its setting between
 * uses, so the statement is sent only when the tenant changes (no extra round trip on
 * the hot path). A setting made inside a transaction is reverted by PostgreSQL on
 * rollback, so it is remembered only once the transaction has committed.
 */
@ApplicationScoped
public class TenantConnectionInterceptor implements AgroalPoolInterceptor {

    private static final String UNSET = "";

    /** Keyed by the physical connection; values are the tenant that connection carries. */
    private final Map<Object, String> carried = new ConcurrentHashMap<>();

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Override
    public void onConnectionAcquire(Connection connection) {
        String wanted = Objects.requireNonNullElse(TenantContext.current(), UNSET);
        try {
            Object physical = physical(connection);
            if (wanted.equals(carried.get(physical))) {
                return;
            }
            try (PreparedStatement set = connection.prepareStatement("select set_config('torre.tenant', ?, false)")) {
                set.setString(1, wanted);
                set.execute();
            }
            if (connection.getAutoCommit()) {
                carried.put(physical, wanted);
            } else {
                carried.remove(physical);
                rememberAfterCommit(physical, wanted);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the tenant on a database connection", e);
        }
    }

    @Override
    public void onConnectionDestroy(Connection connection) {
        try {
            carried.remove(physical(connection));
        } catch (SQLException ignored) {
            // the connection is going away; a stale entry only costs one set_config later
        }
    }

    private void rememberAfterCommit(Object physical, String tenant) {
        if (transactions.getTransactionKey() == null) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                // putIfAbsent: the pool may already have handed the connection to another
                // request that stamped it again; its entry (or its pending removal) wins.
                if (status == Status.STATUS_COMMITTED) {
                    carried.putIfAbsent(physical, tenant);
                }
            }
        });
    }

    private static Object physical(Connection connection) throws SQLException {
        return connection.unwrap(org.postgresql.PGConnection.class);
    }
}
