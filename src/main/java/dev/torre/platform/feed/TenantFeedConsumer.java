package dev.torre.platform.feed;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.persistence.TenantCursor;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;

/**
 * DESIGN §10's loop over the event log, written once for the workers that react to it: per tenant, hold the
 * consumer's cursor row ({@code FOR UPDATE SKIP LOCKED}, so instances share the tenants), read a page of events after
 * it, let the worker act, and advance the cursor in the same transaction as the worker's own writes. The worker says
 * only what to do with a page of events.
 */
@ApplicationScoped
public class TenantFeedConsumer {

    /** Below PostgreSQL's deadlock_timeout: in a lock cycle with a request, the consumer is the one to give way. */
    public static final int LOCK_TIMEOUT_MS = 500;

    /**
     * A named consumer: its cursor table (a constant of the worker's, one row per tenant with {@code position}) and
     * the event types it reads (empty: all).
     */
    public record Cursor(String table, List<String> types) {
    }

    @Inject
    EntityManager em;

    @Inject
    EventFeed feed;

    @Inject
    Tenants tenants;

    /**
     * Runs {@code pass} for every active tenant; a tenant whose pass fails is logged and left for the next tick,
     * after the others have had their turn.
     */
    public void eachTenant(Logger log, String what, Consumer<String> pass) {
        for (String tenant : tenants.active()) {
            try {
                pass.accept(tenant);
            } catch (RuntimeException e) {
                log.warnf(e, "%s failed for tenant %s; it runs again next tick", what, tenant);
            }
        }
    }

    /**
     * Reads one page of up to {@code batch} of the tenant's events after the cursor, hands it to {@code act} and moves
     * the cursor past it, all in one new transaction as the tenant; answers how many events it read (0 also when
     * another instance holds the tenant's cursor).
     */
    @ActivateRequestContext
    public int catchUp(Cursor cursor, String tenant, int batch, Consumer<List<EventView>> act) {
        return TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> {
            List<String> position = TenantCursor.claim(em, cursor.table(), tenant, LOCK_TIMEOUT_MS);
            if (position.isEmpty()) {
                return 0;
            }
            String after = position.getFirst().isEmpty() ? null : position.getFirst();
            EventFeed.Page page = feed.readAfter(tenant, after, cursor.types(), batch);
            act.accept(page.data());
            Sql.update(em, SqlFragment.of("update " + cursor.table() + " set position = ?, updated_at = now() where tenant_id = ?",
                    page.next(), tenant));
            return page.data().size();
        }));
    }

    /**
     * Calls {@code catchUp} (one page of {@code batch}) until a page comes back short or {@code budget} events have
     * been read, so one busy tenant cannot hold a tick; answers the events read.
     */
    public int drain(int batch, int budget, IntSupplier catchUp) {
        int read = 0;
        int page;
        do {
            page = catchUp.getAsInt();
            read += page;
        } while (page == batch && read < budget);
        return read;
    }
}
