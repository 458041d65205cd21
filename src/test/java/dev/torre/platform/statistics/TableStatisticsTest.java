package dev.torre.platform.statistics;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A tenant that creates records in bulk gets its table's statistics refreshed as it goes (at 1,000 records, then
 * each time it has doubled), through the one database function the application role may call for it, which analyses
 * only the tables written in bulk.
 */
@QuarkusTest
class TableStatisticsTest {

    @Inject
    TableStatistics statistics;

    @Inject
    DataSource dataSource;

    @Test
    void aTenantAsksForARefreshAtItsThousandthRecordThenEachTimeItHasDoubled() {
        String tenant = newTenant();
        long before = statistics.requested();
        statistics.created(tenant, "contact", 999);
        assertEquals(before, statistics.requested());
        statistics.created(tenant, "contact", 1);
        assertEquals(before + 1, statistics.requested(), "the 1,000th");
        statistics.created(tenant, "contact", 999);
        assertEquals(before + 1, statistics.requested());
        statistics.created(tenant, "contact", 1);
        assertEquals(before + 2, statistics.requested(), "the 2,000th");
        statistics.created(tenant, "ticket", 5_000);
        assertEquals(before + 2, statistics.requested(), "tickets are not written in bulk");
        statistics.created(newTenant(), "contact", 500);
        assertEquals(before + 2, statistics.requested(), "each tenant counts on its own");
    }

    @Test
    void contactsCreatedThroughTheApiAreCountedOnceCommitted() {
        String tenant = newTenant();
        long before = statistics.requested();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            items.add(Map.of("externalId", "stat-" + i, "firstName", "Ada", "lastName", "L" + i));
        }
        admin(tenant).body(Map.of("matchOn", "externalId", "items", items))
                .when().post("/v1/contacts/batch/upsert").then().statusCode(200);
        assertEquals(before + 1, statistics.requested());
    }

    @Test
    void theRefreshAnalysesAllowedTablesOnlyAndTheApplicationMayCallIt() throws Exception {
        long analysed = analyseCount("contact");
        assertTrue(statistics.analyse("contact"));
        // the database's own count of analyses, as its statistics views show it once they are flushed
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (analyseCount("contact") == analysed && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(analyseCount("contact") > analysed, "contact was analysed");

        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select refresh_statistics('tenant')")) {
            SQLException refused = assertThrows(SQLException.class, ps::executeQuery);
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("analyze contact")) {
            ps.execute(); // the application role itself may not: PostgreSQL skips the table with a warning
            assertTrue(ps.getWarnings() != null && ps.getWarnings().getMessage().contains("skipping"),
                    "the role cannot analyse the owner's table itself: " + ps.getWarnings());
        }
    }

    private long analyseCount(String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select analyze_count + autoanalyze_count from pg_stat_user_tables where relname = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
