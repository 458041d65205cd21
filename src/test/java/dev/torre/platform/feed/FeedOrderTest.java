package dev.torre.platform.feed;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The feed's order against transactions that commit late: an event that commits after a reader
 * passed its neighbours still reaches that reader, and a long transaction of one tenant holds back
 * no other tenant's feed (DESIGN §10). The open transactions here are plain JDBC connections of the
 * application's role, outside the server's pool, as a long job of another request would hold one.
 */
@QuarkusTest
class FeedOrderTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void anEventCommittedLateIsDeliveredAfterTheCursorThatPassedItsNeighbours() throws SQLException {
        String tenant = newTenant();
        Seed.contact(tenant, Bodies.contact().firstName("First"));
        try (Connection open = openTransaction(tenant)) {
            UUID late = appendEvent(open, tenant);
            Seed.contact(tenant, Bodies.contact().firstName("Second"));
            JsonPath before = feed(tenant, "");
            assertEquals(List.of("contact.created", "contact.created"), before.getList("data.type"));

            open.commit();
            JsonPath after = feed(tenant, "?after=" + before.getString("next"));
            assertEquals(List.of(late.toString()), after.getList("data.entityId"), "the late event, once, after the cursor");
            assertEquals(List.of(), feed(tenant, "?after=" + after.getString("next")).getList("data"));
        }
    }

    @Test
    void anotherTenantsLongTransactionHoldsNothingBack() throws SQLException {
        String busy = newTenant();
        String quiet = newTenant();
        try (Connection open = openTransaction(busy)) {
            appendEvent(open, busy);
            String contact = Seed.contact(quiet, Bodies.contact().firstName("Quiet"));
            assertEquals(List.of(contact), feed(quiet, "").getList("data.entityId"),
                    "the quiet tenant's committed write is in its feed while the busy tenant's transaction runs");
            open.rollback();
        }
        assertEquals(List.of(), feed(busy, "").getList("data"), "the rolled-back event never appears");
    }

    @Test
    void transactionIdsOfEveryLengthKeepTheirNumericOrderPageByPage() throws SQLException {
        // Transaction ids pass from 999 to 1000 (and on to every longer number) in any long-lived cluster; a page that
        // sorted them as text would put 1000 first, and the cursor after it (a number) would skip 999.
        String tenant = newTenant();
        UUID earlier;
        UUID later;
        try (Connection writer = openTransaction(tenant)) {
            earlier = appendEvent(writer, tenant, 999);
            later = appendEvent(writer, tenant, 1000);
            writer.commit();
        }
        JsonPath first = feed(tenant, "?limit=1");
        JsonPath second = feed(tenant, "?limit=1&after=" + first.getString("next"));
        JsonPath third = feed(tenant, "?limit=1&after=" + second.getString("next"));
        List<String> read = new java.util.ArrayList<>(first.getList("data.entityId"));
        read.addAll(second.getList("data.entityId"));
        assertEquals(List.of(earlier.toString(), later.toString()), read, "one page each, in the order of their transactions");
        assertEquals(List.of(), third.getList("data"));
    }

    @Test
    void aTransactionWritingInSeveralStatementsIsPublishedOnceAndLeavesNothingWaiting() throws SQLException {
        // The queue of transactions waiting for publication gets one entry per transaction, from its first event
        // statement; a savepoint rolled back takes its events with it, and a later statement enters the transaction again.
        String tenant = newTenant();
        List<String> kept = new java.util.ArrayList<>();
        try (Connection writer = openTransaction(tenant)) {
            java.sql.Savepoint undone = writer.setSavepoint();
            appendEvent(writer, tenant);
            writer.rollback(undone);
            for (int i = 0; i < 3; i++) {
                kept.add(appendEvent(writer, tenant).toString());
            }
            assertEquals(1, waiting(writer, tenant), "one entry for the transaction, seen by itself");
            writer.commit();
        }
        JsonPath page = feed(tenant, "");
        assertEquals(kept, page.getList("data.entityId"), "the three kept events, once each, in order");
        assertEquals(List.of(), feed(tenant, "?after=" + page.getString("next")).getList("data"));
        try (Connection reader = openTransaction(tenant)) {
            assertEquals(0, waiting(reader, tenant), "the publication took the transaction out of the queue");
        }
    }

    private static long waiting(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("select count(*) from event_feed_pending where tenant_id = ?")) {
            count.setString(1, tenant);
            try (java.sql.ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private JsonPath feed(String tenant, String query) {
        return admin(tenant).when().get("/v1/events" + query).then().statusCode(200).extract().jsonPath();
    }

    /** A connection of the application's role, stamped with the tenant, inside a transaction left open. */
    private Connection openTransaction(String tenant) throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(false);
        try (PreparedStatement stamp = connection.prepareStatement("select set_config('torre.tenant', ?, false)")) {
            stamp.setString(1, tenant);
            stamp.execute();
        }
        return connection;
    }

    /** Appends an event as a write of a long job would, without committing; answers its entity id. */
    private static UUID appendEvent(Connection connection, String tenant) throws SQLException {
        UUID entity = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into event_log (tenant_id, seq, type, entity_type, entity_id, occurred_at, payload)
                values (?, nextval('event_log_seq'), 'contact.updated', 'contact', ?, now(), '{}')
                """)) {
            insert.setString(1, tenant);
            insert.setObject(2, entity);
            insert.executeUpdate();
        }
        return entity;
    }

    /** The same, as if written by the transaction with this id (ids are numbers: how they sort is what is tested). */
    private static UUID appendEvent(Connection connection, String tenant, long transactionId) throws SQLException {
        UUID entity = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into event_log (tenant_id, seq, type, entity_type, entity_id, occurred_at, payload, tx_id)
                values (?, nextval('event_log_seq'), 'contact.updated', 'contact', ?, now(), '{}', cast(? as xid8))
                """)) {
            insert.setString(1, tenant);
            insert.setObject(2, entity);
            insert.setString(3, Long.toString(transactionId));
            insert.executeUpdate();
        }
        return entity;
    }
}
