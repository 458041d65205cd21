package dev.torre.platform.tenancy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every statement of a request is bounded ({@code torre.db.statement-timeout}, 5 s by default): past it the
 * statement is cancelled and the caller gets a precise 503 with Retry-After, never a hang or a 500. Background
 * work carries its own, longer bound.
 */
@QuarkusTest
class StatementTimeoutTest {

    private static final Duration REQUEST_BOUND = Duration.ofSeconds(5);

    @Inject
    DataSource dataSource;

    private final String tenant = newTenant();

    @Test
    void aRequestStatementPastItsBoundIsCancelledAndAnswered503() throws Exception {
        String contact = Seed.contact(tenant, "Ana", "Ruiz");
        // Another session holds the contact's row, so the request's UPDATE waits on it: the wait counts toward the
        // statement's time, as a slow plan would.
        try (Connection holder = TenantContext.callAs(tenant, this::connection)) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from contact where id = ? for update")) {
                lock.setObject(1, UUID.fromString(contact));
                lock.executeQuery().close();
            }
            long started = System.nanoTime();
            admin(tenant).body(Map.of("lastName", "Soto")).when().patch("/v1/contacts/" + contact).then()
                    .spec(problem(503)).body("type", equalTo("/problems/query-timeout"))
                    .header("Retry-After", notNullValue());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(REQUEST_BOUND.minusMillis(500)) >= 0 && took.compareTo(REQUEST_BOUND.plusSeconds(5)) < 0,
                    "answered after " + took);

            GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), """
                    mutation($id: ID!) { updateContact(id: $id, input: {lastName: "Soto"}) { lastName } }
                    """, GraphQL.vars("id", contact)), "updateContact", "QUERY_TIMEOUT")
                    .body("errors[0].extensions.retryAfter", equalTo(5));
            holder.rollback();
            holder.setAutoCommit(true);
        }
        // nothing was changed, and the connection the cancelled request used serves the next one normally
        admin(tenant).when().get("/v1/contacts/" + contact).then().statusCode(200).body("lastName", equalTo("Ruiz"));
        admin(tenant).body(Map.of("lastName", "Soto")).when().patch("/v1/contacts/" + contact).then().statusCode(200);
    }

    @Test
    void backgroundWorkCarriesItsOwnBound() throws Exception {
        try (Connection c = TenantContext.callAs(tenant, this::connection)) {
            assertEquals("15min", setting(c, "statement_timeout"));
            assertEquals(tenant, setting(c, "torre.tenant"));
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement show = c.prepareStatement("select current_setting(?)")) {
            show.setString(1, name);
            try (ResultSet r = show.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
