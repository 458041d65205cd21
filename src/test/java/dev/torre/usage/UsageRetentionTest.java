package dev.torre.usage;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import io.quarkus.test.junit.QuarkusTest;

/** Usage older than torre.usage.retention (400 days) is deleted in bounded batches; younger days and other tenants stay. */
@QuarkusTest
class UsageRetentionTest {

    @Inject
    UsageRetention retention;

    @Inject
    DataSource dataSource;

    private void insert(String tenant, LocalDate day, int clients) {
        TenantContext.callAs(tenant, () -> {
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement("""
                    insert into api_usage (tenant_id, day, client_id, family, total)
                    select ?, ?, 'client-' || n, 'contacts', 1 from generate_series(1, ?) n
                    """)) {
                ps.setString(1, tenant);
                ps.setObject(2, day);
                ps.setInt(3, clients);
                ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private long count(String tenant, String where) {
        return TenantContext.callAs(tenant, () -> {
            try (var c = dataSource.getConnection();
                    var ps = c.prepareStatement("select count(*) from api_usage where tenant_id = ? and " + where)) {
                ps.setString(1, tenant);
                try (var row = ps.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void daysOlderThanTheRetentionAreDeletedInBatchesAndNothingElse() {
        String tenant = newTenant();
        String neighbour = newTenant();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        insert(tenant, today.minusDays(401), UsageRetention.BATCH * 2 + 500); // more than one batch
        insert(tenant, today.minusDays(700), 3);
        insert(tenant, today.minusDays(399), 2); // within the 400 days
        insert(tenant, today, 1);
        insert(neighbour, today.minusDays(500), 4);

        int purged = TenantContext.callAs(tenant, () -> retention.purge());

        assertEquals(UsageRetention.BATCH * 2 + 503, purged);
        assertEquals(0, count(tenant, "day < current_date - 400"));
        assertEquals(3, count(tenant, "true"));
        assertEquals(4, count(neighbour, "true"), "another tenant's usage waits for its own turn");
        String kept = today.minusDays(399).toString();
        admin(tenant).queryParam("from", kept).queryParam("to", kept).when().get("/v1/usage").then().statusCode(200)
                .body("data.size()", org.hamcrest.Matchers.equalTo(2));
        assertEquals(0, (int) TenantContext.callAs(tenant, () -> retention.purge()), "a second run finds nothing");
    }
}
