package dev.torre.platform.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.jboss.logging.Logger;

import dev.torre.platform.error.Failures;

/**
 * The tenants that exist, for background work that visits each of them. The registry table is
 * filled by the database as events are written (a tenant exists from its first event) and is the
 * one place a job may list tenants: it holds only their ids, and the job then works inside each
 * tenant's own wall.
 */
@ApplicationScoped
public class Tenants {

    private static final Logger LOG = Logger.getLogger(Tenants.class);

    @Inject
    DataSource dataSource;

    /** Every tenant that has written at least one event, in id order. */
    public List<String> active() {
        // the registry's read policy lets any connection list the ids, whatever tenant it carries
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select tenant_id from tenant order by tenant_id");
                ResultSet rows = ps.executeQuery()) {
            List<String> tenants = new ArrayList<>();
            while (rows.next()) {
                tenants.add(rows.getString(1));
            }
            return tenants;
        } catch (SQLException e) {
            throw new IllegalStateException("Listing the tenants failed", e);
        }
    }

    /**
     * Runs {@code work} as each tenant in turn (transactions are the work's own) and adds up what it
     * answers. A tenant whose work fails is logged and skipped; the next run retries it. A database out of reach ends
     * the pass instead: every other tenant would fail the same way (the worker's tick logs it once).
     */
    public int forEach(String job, ToIntFunction<String> work) {
        int total = 0;
        for (String tenant : active()) {
            try {
                total += TenantContext.callAs(tenant, () -> work.applyAsInt(tenant));
            } catch (RuntimeException e) {
                if (Failures.unreachable(e)) {
                    throw e;
                }
                LOG.errorf(e, "%s failed for tenant %s; the next run retries", job, tenant);
            }
        }
        return total;
    }
}
