package dev.torre.portal;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The data export's read of the event log (events naming the contact as their entity or as payload.contactId) is
 * served by indexes, not by a scan of the tenant's log. The test gives the tenant a log and fresh statistics inside
 * a transaction it rolls back, and prices sequential scans out, so that the plan shows whether an index serves each
 * arm of the condition (without the indexes, the tenant's whole part of an index is read instead).
 */
@QuarkusTest
class DataExportPlanTest {

    /** The statement of EventFeed.about, as the portal's data-export and access exports run it. */
    private static final String EVENTS_ABOUT = """
            explain select seq, type, entity_type, entity_id, actor, request_id, occurred_at, cast(payload as text)
            from event_log
            where tenant_id = ? and (entity_id = ? or payload_contact_id = ?)
            order by seq
            limit ?
            """;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.flyway.username")
    java.util.Optional<String> owner;

    @ConfigProperty(name = "quarkus.flyway.password")
    java.util.Optional<String> ownerPassword;

    /**
     * Gathers the table's statistics as the owner role, the only one allowed to (the application's role owns
     * nothing); without a separate owner, as the application's role.
     */
    private void analyze() throws java.sql.SQLException {
        if (owner.isEmpty()) {
            try (Connection c = dataSource.getConnection(); PreparedStatement analyze = c.prepareStatement("analyze event_log")) {
                analyze.execute();
            }
            return;
        }
        try (Connection c = java.sql.DriverManager.getConnection(url, owner.get(), ownerPassword.orElse(""));
                PreparedStatement analyze = c.prepareStatement("analyze event_log")) {
            analyze.execute();
        }
    }

    @Test
    void eventsAboutAContactAreFoundThroughIndexes() throws Exception {
        String tenant = newTenant();
        UUID contact = UUID.randomUUID();
        String plan = TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement log = c.prepareStatement("""
                        insert into event_log (tenant_id, seq, type, entity_type, entity_id, occurred_at, payload)
                        select ?, g, 'interaction.created', 'interaction', gen_random_uuid(), now(),
                               jsonb_build_object('contactId', gen_random_uuid()::text, 'subject', 'Hola')
                        from generate_series(1, 20000) g
                        """)) {
                    log.setString(1, tenant);
                    log.executeUpdate();
                }
                c.commit(); // the rows of a tenant of this test alone; ANALYZE must see them
                analyze();
                // a log this small still fits a scan; pricing scans out asks whether an index serves each arm
                try (PreparedStatement off = c.prepareStatement("set local enable_seqscan = off")) {
                    off.execute();
                }
                StringBuilder out = new StringBuilder();
                try (PreparedStatement explain = c.prepareStatement(EVENTS_ABOUT)) {
                    explain.setString(1, tenant);
                    explain.setObject(2, contact);
                    explain.setString(3, contact.toString());
                    explain.setInt(4, 10_000);
                    try (ResultSet rows = explain.executeQuery()) {
                        while (rows.next()) {
                            out.append(rows.getString(1)).append('\n');
                        }
                    }
                }
                c.rollback();
                c.setAutoCommit(true);
                return out.toString();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(plan.contains("event_log_payload_contact_idx"), plan);
        assertTrue(plan.contains("event_log_entity_id_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }
}
