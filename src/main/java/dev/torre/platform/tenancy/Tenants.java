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
import dev.torre.platform.lifecycle.ServerStop;

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

    @Inject
    TenantActivity activity;

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
     * the pass instead: every other tenant would fail the same way (the worker's tick logs it once); so does the
     * server's stop, before the next tenant.
     */
    public int forEach(String job, ToIntFunction<String> work) {
        int total = 0;
        for (String tenant : active()) {
            Integer done = visit(job, tenant, work);
            total += done == null ? 0 : done;
        }
        return total;
    }

    /**
     * As {@link #forEach}, for a scheduled tick: only the tenants {@link TenantActivity} says are due, a tenant whose
     * work answers 0 counting as idle.
     */
    public int forEachDue(String job, ToIntFunction<String> work) {
        TenantActivity.Round round = activity.round(job, active());
        int total = 0;
        for (String tenant : round.tenants()) {
            Integer done = visit(job, tenant, work);
            if (done != null) { // a failed visit is not ended: the tenant stays due
                round.visited(tenant, done > 0);
                total += done;
            }
        }
        return total;
    }

    /** What the tenant's work answered; null when it failed (logged), unless the database is out of reach (thrown). */
    private Integer visit(String job, String tenant, ToIntFunction<String> work) {
        ServerStop.check(); // a stop ends the pass between tenants
        try {
            return TenantContext.callAs(tenant, () -> work.applyAsInt(tenant));
        } catch (RuntimeException e) {
            if (Failures.unreachable(e)) {
                throw e;
            }
            LOG.errorf(e, "%s failed for tenant %s; the next run retries", job, tenant);
            return null;
        }
    }
}
