package dev.torre.platform.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.engine.jdbc.spi.SqlExceptionHelper;
import dev.torre.platform.graphql.GraphQLProblem;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;

/**
 * What a request meets while PostgreSQL is down becomes a 503 {@code /problems/unavailable} with Retry-After, not a
 * 500. The failures are the real ones: the PostgreSQL driver connecting to a closed loopback port, Agroal's pool
 * giving up on a server that never answers, and Hibernate's conversion of them. (Stopping the suite's own cluster
 * would break the tests running beside this one; a whole-server outage test belongs to a reliability suite.)
 */
class DatabaseOutageTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            closed = probe.getLocalPort();
        }
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closed + "/torre", "torre", "torre"));
        assertTrue(refused.getSQLState().startsWith("08"), refused.getSQLState());

        assertUnavailable(refused);
        // GraphQL says the same in its error's extensions
        GraphQLProblem problem = new GraphQLProblem(Failures.known(refused));
        assertEquals("UNAVAILABLE", problem.getExtensions().get("code"));
        assertEquals(jakarta.json.Json.createValue(5), problem.getExtensions().get("retryAfter"));
        // as Hibernate reports it when it cannot get a connection for a query
        assertUnavailable(new SqlExceptionHelper(false).convert(refused, "Unable to acquire JDBC Connection"));
        // and as it reaches the mappers through a transaction and a service
        assertUnavailable(new IllegalStateException("Reading the event log failed",
                new jakarta.persistence.PersistenceException(new SqlExceptionHelper(false).convert(refused, "query"))));
    }

    @Test
    void thePoolGivingUpOnASilentServerIsUnavailable() throws Exception {
        // accepts connections and never answers, like a server that hangs or a network that drops replies
        try (ServerSocket silent = new ServerSocket(0, 50, LOOPBACK)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            try (AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p.maxSize(1).acquisitionTimeout(Duration.ofMillis(500))
                            .connectionFactoryConfiguration(f -> f.jdbcUrl("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                                    + "/torre?connectTimeout=5&socketTimeout=5")
                                    .principal(new io.agroal.api.security.NamePrincipal("torre"))
                                    .credential(new io.agroal.api.security.SimplePassword("torre")))))) {
                SQLException timedOut = assertThrows(SQLException.class, pool::getConnection);
                assertUnavailable(timedOut);
                assertUnavailable(new SqlExceptionHelper(false).convert(timedOut, "Unable to acquire JDBC Connection"));
            } finally {
                silent.close();
                acceptor.join();
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aServerShuttingDownOrFullIsUnavailable() {
        for (String state : List.of("57P01", "57P02", "57P03", "53300", "08006", "08003")) {
            assertUnavailable(new SQLException("terminating connection due to administrator command", state));
        }
    }

    private static void assertUnavailable(Throwable failure) {
        TorreException known = Failures.known(failure);
        assertNotNull(known, () -> "not mapped: " + failure);
        assertEquals(ErrorCode.UNAVAILABLE, known.code());
        assertEquals(503, known.code().status());
        assertEquals("/problems/unavailable", known.code().type());
        assertNotNull(known.headers().get("Retry-After"));
    }
}
