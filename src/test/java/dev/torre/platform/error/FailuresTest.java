package dev.torre.platform.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which library and database failures become Torre's own errors, without a server. */
class FailuresTest {

    @Test
    void aDeadlockOrSerializationFailureAnywhereInTheCausesIsARetryable503() {
        for (String state : new String[] { "40P01", "40001" }) {
            RuntimeException wrapped = new RuntimeException("commit failed",
                    new IllegalStateException("flush", new SQLException("deadlock detected", state)));
            TorreException known = Failures.known(wrapped);
            assertEquals(ErrorCode.UNAVAILABLE, known.code());
            assertEquals(Map.of("Retry-After", "1"), known.headers());
        }
    }

    @Test
    void aCancelledStatementIsAQueryTimeoutToRetryLater() {
        RuntimeException wrapped = new jakarta.persistence.QueryTimeoutException("timed out",
                new RuntimeException(new SQLException("ERROR: canceling statement due to statement timeout", "57014")));
        TorreException known = Failures.known(wrapped);
        assertEquals(ErrorCode.QUERY_TIMEOUT, known.code());
        assertEquals(503, known.code().status());
        assertEquals("/problems/query-timeout", known.code().type());
        assertEquals(Map.of("Retry-After", "5"), known.headers());
    }

    @Test
    void otherDatabaseFailuresStayUnknown() {
        assertNull(Failures.known(new RuntimeException(new SQLException("relation does not exist", "42P01"))));
        assertNull(Failures.known(new IllegalStateException("a bug")));
    }
}
