package dev.torre.platform.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import org.junit.jupiter.api.Test;

/**
 * A commit cut off by the database going away reaches the mappers as the transaction manager reports it: a
 * RollbackException whose suppressed XAException holds PostgreSQL's answer. It is an outage (503, Retry-After),
 * not a bug — as reliability/run found when PostgreSQL stopped mid-commit.
 */
class CommitFailureTest {

    @Test
    void aCommitCutOffByAShutdownIsUnavailable() {
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        jakarta.transaction.RollbackException rollback = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        RuntimeException reached = new RuntimeException("Error invoking subclass method", rollback);

        TorreException known = Failures.known(reached);
        assertNotNull(known, "mapped");
        assertEquals(ErrorCode.UNAVAILABLE, known.code());
        assertEquals("5", known.headers().get("Retry-After"));
    }
}
