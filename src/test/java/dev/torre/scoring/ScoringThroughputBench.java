package dev.torre.scoring;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.torre.platform.tenancy.TenantContext;

/**
 * Not part of the suite (the name does not end in Test): times the scoring worker draining an import's backlog.
 * Seeds {@code scoring.bench.contacts} contacts (default 100,000) over {@code scoring.bench.tenants} tenants in SQL,
 * each with its {@code contact.created} event and a varied past (visits, meetings, replies, personal addresses), then
 * runs the worker's passes until it is idle and prints contacts scored per second. Run it alone:
 * {@code ./mvnw -B verify -Dtest=ScoringThroughputBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
class ScoringThroughputBench {

    @Inject
    DataSource dataSource;

    @Inject
    ScoringWorker worker;

    @Inject
    ScoringConfig config;

    @Test
    void workerDrainsAnImportBacklog() {
        int n = Integer.getInteger("scoring.bench.contacts", 100_000);
        int tenantCount = Integer.getInteger("scoring.bench.tenants", 2);
        List<String> tenants = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < tenantCount; i++) {
            String tenant = newTenant();
            tenants.add(tenant);
            new ScoringData(dataSource).backlog(tenant, n / tenantCount);
        }
        long seeded = System.nanoTime();
        int passes = 0;
        while (worker.round(tenants, config.worker().tenantBudget()).values().stream().anyMatch(done -> done > 0)) {
            passes++;
        }
        long drained = System.nanoTime();
        long scored = tenants.stream().mapToLong(this::scored).sum();
        double seconds = (drained - seeded) / 1e9;
        System.out.printf("%nSCORING THROUGHPUT contacts=%d tenants=%d%n", n, tenantCount);
        System.out.printf("  seed (SQL)            %6.1f s%n", (seeded - t0) / 1e9);
        System.out.printf("  drain (%d passes)     %6.1f s  → %.0f contacts/s%n%n", passes, seconds, scored / seconds);
        printHeaviestStatements();
        assertEquals((long) (n / tenantCount) * tenantCount, scored, "every seeded contact was scored");
    }

    /** Where the database time went (pg_stat_statements, which the test cluster loads), when it is readable. */
    private void printHeaviestStatements() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select calls, round(total_exec_time)::bigint, round(mean_exec_time::numeric, 1),
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
                from pg_stat_statements order by total_exec_time desc limit 8
                """); ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                System.out.printf("  %6d calls %8d ms (%8s ms each)  %s%n", r.getLong(1), r.getLong(2), r.getString(3), r.getString(4));
            }
        } catch (SQLException e) {
            System.out.println("  (pg_stat_statements not readable: " + e.getMessage() + ")");
        }
    }

    private long scored(String tenant) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("select count(*) from contact_score where tenant_id = ?")) {
                ps.setString(1, tenant);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
