package dev.torre.platform.persistence;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.hibernate.StaleStateException;

import dev.torre.platform.error.Failures;
import org.jboss.logging.Logger;

/**
 * Runs a write transaction again when PostgreSQL rolled it back to let a concurrent one finish (SQLState 40P01
 * deadlock, 40001 serialization failure) or when a row it read was changed before it wrote (a lost optimistic lock,
 * {@link ConcurrentChange}) — races the caller had no part in. Only the outermost transaction is retried: it sits
 * outside {@code @Transactional} and does nothing when a transaction is already open, since a rolled-back inner
 * part cannot be run again alone. The retry reads everything afresh, so the caller's own preconditions (If-Match)
 * are checked again and still answer 412 when they no longer hold. After the last attempt the failure reaches the
 * caller as before (503 with Retry-After, or 412).
 */
@RetriesConcurrency
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ConcurrencyRetry {

    private static final Logger LOG = Logger.getLogger(ConcurrencyRetry.class);

    /** Attempts in all, the first included. */
    static final int ATTEMPTS = 4;

    @Inject
    TransactionManager transactions;

    @AroundInvoke
    Object retry(InvocationContext invocation) throws Exception {
        if (inTransaction()) {
            return invocation.proceed();
        }
        for (int attempt = 1;; attempt++) {
            try {
                return invocation.proceed();
            } catch (Exception e) {
                // checked too: a commit that failed reaches here as the transaction manager's RollbackException
                if (attempt >= ATTEMPTS || !lostRace(e)) {
                    throw e;
                }
                LOG.debugf("Retrying %s after a lost race (attempt %d): %s", invocation.getMethod().getName(), attempt, e);
                Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25L * attempt));
            }
        }
    }

    private boolean inTransaction() throws SystemException {
        return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
    }

    static boolean lostRace(Throwable e) {
        for (Throwable c : Failures.causes(e)) {
            if (c instanceof ConcurrentChange || c instanceof StaleStateException || c instanceof OptimisticLockException) {
                return true;
            }
            if (c instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
