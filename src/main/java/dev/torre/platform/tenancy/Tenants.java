package dev.torre.platform.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.DurationConverter;

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

    /** How often a worker waiting for commits looks whether the server is stopping. */
    private static final Duration STOP_CHECK = Duration.ofMillis(100);

    /** How long before the scheduler's next tick a {@link #forEachDueFor} that is idle ends. */
    static final Duration TICK_MARGIN = Duration.ofMillis(100);

    /** The shortest time between the starts of two rounds of a {@link #forEachDueFor}. */
    static final Duration WAKE_GAP = Duration.ofMillis(50);

    /**
     * The gap for workers whose rounds follow commits through the event log (workflows, segments): each round claims a
     * cursor and reads whatever it finds, so under a steady write load 50 ms rounds cost about a millisecond of CPU per
     * write (measured), for a lag whose target is two seconds.
     */
    public static final Duration FEED_ROUND_GAP = Duration.ofMillis(250);

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

    /**
     * {@link #forEachDue} for a worker whose work should follow new events within moments rather than at its next
     * tick ({@code every} apart). After a round that did work it goes again; after an idle one it waits for the next
     * commit of events on this instance and goes again, at most one round per {@link #WAKE_GAP} while commits keep
     * coming. It ends only while idle, shortly before one of the scheduler's next ticks ({@link #TICK_MARGIN}): the
     * scheduler looks at its triggers once a second and skips a tick that finds the last one still running, so a tick
     * that ended at any other moment would leave the worker off for up to a second. Commits made on other instances are
     * seen at the next tick, as before; a server's stop ends the wait.
     */
    public int forEachDueFor(String job, Duration every, ToIntFunction<String> work) {
        return forEachDueFor(job, every, WAKE_GAP, work);
    }

    /**
     * As {@link #forEachDueFor(String, Duration, ToIntFunction)}, with rounds at least {@code gap} apart: for a worker
     * whose every round costs queries whatever it finds, and whose lag is judged in seconds, not milliseconds.
     */
    public int forEachDueFor(String job, Duration every, Duration gap, ToIntFunction<String> work) {
        if (every.compareTo(TICK_MARGIN.multipliedBy(2)) < 0) {
            return forEachDue(job, work);
        }
        long interval = every.toNanos();
        long checkpoint = System.nanoTime() + interval - TICK_MARGIN.toNanos();
        int total = 0;
        while (true) {
            long started = System.nanoTime();
            long mark = activity.commitMark();
            int done = forEachDue(job, work);
            total += done;
            if (done == 0) {
                // a round that ran past a checkpoint made the scheduler skip that tick: the next one is an interval on
                while (checkpoint - System.nanoTime() <= 0) {
                    checkpoint += interval;
                }
                if (!awaitCommit(mark, checkpoint)) {
                    return total;
                }
            }
            // at most one round a gap: a tenant writing other kinds of events does not keep this worker spinning
            if (!pause(started + gap.toNanos())) {
                return total;
            }
        }
    }

    /**
     * The interval of a scheduled tick, as written in its {@code every} ("1s", "PT0.5S"), for {@link #forEachDueFor};
     * none where it is not a duration (the scheduler's "off"), which makes each tick one round.
     */
    public static Duration interval(String every) {
        try {
            return DurationConverter.parseDuration(every);
        } catch (RuntimeException unreadable) {
            return Duration.ZERO;
        }
    }

    /** Waits for a commit after {@code mark} until {@code end}, in short slices so that a server's stop ends it. */
    private boolean awaitCommit(long mark, long end) {
        try {
            while (!ServerStop.underway()) {
                long slice = Math.min(end, System.nanoTime() + STOP_CHECK.toNanos());
                if (activity.awaitCommit(mark, slice)) {
                    return true;
                }
                if (slice == end) {
                    return false;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sleeps until {@code until} (a {@link System#nanoTime} value); answers false when the server stops meanwhile. */
    private static boolean pause(long until) {
        long left = until - System.nanoTime();
        try {
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !ServerStop.underway();
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
