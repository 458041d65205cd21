package dev.torre.platform.feed;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionRunnerOptions;

import dev.torre.platform.error.Failures;
import dev.torre.platform.lifecycle.ServerStop;
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
     * A named consumer: its cursor table (a constant of the worker's, one row per tenant with {@code position}), the
     * event types it reads (empty: all), and how long one page's transaction may take in seconds (0: the default),
     * for a worker whose page may set off long set-based work.
     */
    public record Cursor(String table, List<String> types, int timeoutSeconds) {

        /** A consumer whose pages run within the default transaction timeout. */
        public Cursor(String table, List<String> types) {
            this(table, types, 0);
        }
    }

    /** What a drain did: the events it read, and whether it stopped at its budget or time with events perhaps left. */
    public record Drained(int events, boolean more) {
    }

    @Inject
    EntityManager em;

    @Inject
    EventFeed feed;

    @Inject
    Tenants tenants;

    /**
     * Runs {@code pass} for every active tenant; a tenant whose pass fails is logged and left for the next tick,
     * after the others have had their turn. A database out of reach ends the pass at once (see platform.persistence.WorkerTicks).
     */
    public void eachTenant(Logger log, String what, Consumer<String> pass) {
        for (String tenant : tenants.active()) {
            ServerStop.check(); // a stop ends the pass between tenants
            try {
                pass.accept(tenant);
            } catch (RuntimeException e) {
                if (Failures.unreachable(e)) {
                    throw e; // every other tenant would fail the same way: the worker's tick logs it once
                }
                log.warnf(e, "%s failed for tenant %s; it runs again next tick", what, tenant);
            }
        }
    }

    /**
     * As {@link #eachTenant}, for a worker's scheduled tick: only the tenants that are due (see
     * platform.tenancy.TenantActivity), a tenant whose pass answers 0 (no work done) counting as idle.
     */
    public void eachDueTenant(String what, java.util.function.ToIntFunction<String> pass) {
        tenants.forEachDue(what, pass);
    }

    /**
     * Reads one page of up to {@code batch} of the tenant's events after the cursor, hands it to {@code act} and moves
     * the cursor past it, all in one new transaction as the tenant; answers how many events it read (0 also when
     * another instance holds the tenant's cursor).
     */
    @ActivateRequestContext
    public int catchUp(Cursor cursor, String tenant, int batch, Consumer<List<EventView>> act) {
        return TenantContext.callAs(tenant, () -> transaction(cursor).call(() -> {
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
     * Reads ahead of the cursor without moving it, in one new transaction as the tenant that holds the cursor row (so
     * it never runs beside another instance's pass over the tenant): past {@code from} or the cursor, whichever is
     * further, the newest {@code most} single writes among the newest {@code scan} events
     * ({@link EventFeed#smallTransactionsAfter}) go to {@code act}. Answers where the next read ahead starts, or
     * nothing when another instance holds the tenant.
     */
    @ActivateRequestContext
    public Optional<String> readAhead(Cursor cursor, String tenant, String from, int scan, int maxPerTransaction,
            int most, Consumer<List<EventView>> act) {
        return TenantContext.callAs(tenant, () -> transaction(cursor).call(() -> {
            List<String> position = TenantCursor.claim(em, cursor.table(), tenant, LOCK_TIMEOUT_MS);
            if (position.isEmpty()) {
                return Optional.<String>empty();
            }
            String at = position.getFirst().isEmpty() ? null : position.getFirst();
            String start = from == null || EventFeed.notPast(from, at) ? at : from;
            EventFeed.Page page = feed.smallTransactionsAfter(tenant, start, scan, maxPerTransaction, most);
            if (!page.data().isEmpty()) {
                act.accept(page.data());
            }
            return Optional.of(page.next());
        }));
    }

    private static TransactionRunnerOptions transaction(Cursor cursor) {
        var transaction = QuarkusTransaction.requiringNew();
        return cursor.timeoutSeconds() > 0 ? transaction.timeout(cursor.timeoutSeconds()) : transaction;
    }

    /**
     * Calls {@code catchUp} (one page of {@code batch}) until a page comes back short or {@code budget} events have
     * been read, so one busy tenant cannot hold a tick; answers the events read.
     */
    public int drain(int batch, int budget, IntSupplier catchUp) {
        return drain(batch, budget, Long.MAX_VALUE, limit -> catchUp.getAsInt()).events();
    }

    /**
     * Reads pages through {@code page} (given the most events it may read: {@code batch}, or less to stay within
     * {@code budget}) until a page comes back short, {@code budget} events have been read, or the {@code deadline}
     * ({@link System#nanoTime()}) has passed; so a worker that shares its time among tenants can stop a busy one on
     * time as well as on rows. Answers the events read and whether it stopped with events perhaps left.
     */
    public Drained drain(int batch, int budget, long deadline, IntUnaryOperator page) {
        int read = 0;
        boolean shortPage;
        do {
            int limit = Math.min(batch, budget - read);
            int got = limit > 0 ? page.applyAsInt(limit) : 0;
            read += got;
            shortPage = limit <= 0 || got < limit;
        } while (!shortPage && read < budget && System.nanoTime() < deadline && !ServerStop.underway());
        return new Drained(read, !shortPage && read > 0);
    }
}
