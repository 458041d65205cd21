package dev.torre.platform.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.agroal.api.AgroalPoolInterceptor;

import dev.torre.platform.config.TorreConfig;

/**
 * The database's tenancy wall: stamps each pooled connection with {@code torre.tenant},
 * which the row-level security policies read, and with the {@code statement_timeout} of the
 * work at hand (API requests get {@code torre.db.statement-timeout}, background work its own
 * bound). A connection keeps its settings between uses, so the statement is sent only when
 * they change (no extra round trip on the hot path). A setting made inside a transaction is
 * reverted by PostgreSQL on rollback, so it is remembered only once the transaction has committed,
 * and only if no one has stamped the connection since: the pool may hand it to the next request
 * before this transaction's completion callbacks have all run.
 */
@ApplicationScoped
public class TenantConnectionInterceptor implements AgroalPoolInterceptor {

    private static final String UNSET = "";

    /** What is known of a connection's settings. */
    private sealed interface Carried permits Stamp, Pending {
    }

    /** What a connection carries: its tenant and its statement timeout in milliseconds. */
    private record Stamp(String tenant, String statementTimeout) implements Carried {
    }

    /**
     * A stamp made inside a transaction that has not completed: unknown until it commits. Equal only to itself, so a
     * commit that completes late can never vouch for a connection another transaction has stamped since.
     */
    private static final class Pending implements Carried {
        final Stamp stamp;

        Pending(Stamp stamp) {
            this.stamp = stamp;
        }
    }

    /** Keyed by the physical connection; values are what that connection is known to carry. */
    private final Map<Object, Carried> carried = new ConcurrentHashMap<>();

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    TorreConfig config;

    /** The statement_timeout values, in milliseconds, of API requests and of background work. */
    private String requestBound;
    private String backgroundBound;

    @PostConstruct
    void init() {
        requestBound = Long.toString(config.db().statementTimeout().toMillis());
        backgroundBound = Long.toString(config.db().jobStatementTimeout().toMillis());
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        String tenant = TenantContext.current();
        // An API caller's work has a tenant from its token; jobs set theirs explicitly, start-up has none.
        boolean apiRequest = tenant != null && !TenantContext.setByBackgroundWork();
        Stamp wanted = new Stamp(Objects.requireNonNullElse(tenant, UNSET), apiRequest ? requestBound : backgroundBound);
        try {
            Object physical = physical(connection);
            if (wanted.equals(carried.get(physical))) {
                return;
            }
            try (PreparedStatement set = connection.prepareStatement(
                    "select set_config('torre.tenant', ?, false), set_config('statement_timeout', ?, false)")) {
                set.setString(1, wanted.tenant());
                set.setString(2, wanted.statementTimeout());
                set.execute();
            }
            if (connection.getAutoCommit()) {
                carried.put(physical, wanted);
            } else {
                Pending pending = new Pending(wanted);
                carried.put(physical, pending);
                rememberAfterCommit(physical, pending);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stamp a database connection", e);
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

    /** Once the transaction ends: the stamp is known if it committed and no later stamp replaced it, else forgotten. */
    private void rememberAfterCommit(Object physical, Pending pending) {
        if (transactions.getTransactionKey() == null) {
            return; // no transaction will tell: the connection stays unknown and is stamped at its next use
        }
        AfterCompletion.register(transactions, status -> {
            // replace/remove only our own entry: the pool may already have handed the connection to a
            // request that stamped it again, and that stamp (pending or known) is the one it carries
            if (status == Status.STATUS_COMMITTED) {
                carried.replace(physical, pending, pending.stamp);
            } else {
                carried.remove(physical, pending);
            }
        });
    }

    private static Object physical(Connection connection) throws SQLException {
        return connection.unwrap(org.postgresql.PGConnection.class);
    }
}
