package dev.torre.scoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import dev.torre.platform.tenancy.TenantContext;

/**
 * Puts interactions and history in place with SQL for scoring tests: the interaction capability has no API on this
 * branch yet (switch {@link #interaction} to POST /v1/interactions once it has), and the learning tests need
 * thousands of contacts with a past, which only SQL makes in reasonable time.
 */
final class ScoringData {

    private final DataSource dataSource;

    ScoringData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One interaction of the contact, with its event as the interaction capability would write it. */
    UUID interaction(String tenant, String contactId, String type, String direction, String pageUrl, Instant at) {
        UUID id = UUID.randomUUID();
        run(tenant, """
                insert into interaction (tenant_id, id, type, direction, occurred_at, page_url, contact_id, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, 0, now(), now())
                """, tenant, id, type, direction, Timestamp.from(at), pageUrl, UUID.fromString(contactId));
        run(tenant, """
                insert into event_log (tenant_id, seq, type, entity_type, entity_id, occurred_at, payload)
                values (?, nextval('event_log_seq'), 'interaction.created', 'interaction', ?, now(), '{}')
                """, tenant, id);
        return id;
    }

    /** Runs one statement as the tenant (row-level security applies as for the server). */
    void run(String tenant, String sql, Object... params) {
        TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
