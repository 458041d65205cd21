package dev.torre.platform.tenancy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which tenants a scheduled worker visits on its tick. A tenant whose last visit found nothing to do is left alone
 * for a pause that doubles with each empty visit, up to {@code torre.workers.idle-max}, unless events were committed
 * for it since that visit began: then the next tick visits it at once. Without this every worker read every tenant's
 * cursors every second, so a server's idle cost grew with its tenants (30 quiet tenants: 1,100 statements a second).
 *
 * <p>Commits are counted on the instance that makes them, which also runs the workers that pick them up (claims keep
 * instances apart); work that only time makes due (retries, timers, decay) waits at most the longest pause.
 */
@ApplicationScoped
public class TenantActivity {

    /** The pause after the first empty visit; each further one doubles it. */
    private static final long FIRST_PAUSE = Duration.ofMillis(500).toNanos();

    @Inject
    @ConfigProperty(name = "torre.workers.idle-max", defaultValue = "PT5S")
    Duration idleMax;

    /** The clock pauses are measured on (a test moves its own). */
    LongSupplier nanos = System::nanoTime;

    /** Sets the clock pauses are measured on: for tests, which hold it still. */
    void clock(LongSupplier nanos) {
        this.nanos = nanos;
    }

    private final Map<String, AtomicLong> commits = new ConcurrentHashMap<>();

    /** Every tenant's commits together, and the threads waiting for the next one ({@link #awaitCommit}). */
    private final AtomicLong allCommits = new AtomicLong();
    private final Object nextCommit = new Object();
    private volatile int waiting;
    private final Map<Visitor, Quiet> quiet = new ConcurrentHashMap<>();

    private record Visitor(String worker, String tenant) {
    }

    /** After an empty visit: the commits counted when it began, how many empty visits in a row, and when to come back. */
    private record Quiet(long commitsSeen, int emptyVisits, long backAt) {
    }

    /** Counts a committed transaction that wrote events for the tenant. */
    public void committed(String tenant) {
        commits.computeIfAbsent(tenant, t -> new AtomicLong()).incrementAndGet();
        allCommits.incrementAndGet();
        // the count goes up before the waiters are looked at, and a waiter is counted before it reads the count:
        // either this commit sees the waiter and wakes it, or the waiter sees this commit and does not sleep
        if (waiting > 0) {
            synchronized (nextCommit) {
                nextCommit.notifyAll();
            }
        }
    }

    /** How many commits of events this instance has counted, every tenant together: the mark {@link #awaitCommit} takes. */
    public long commitMark() {
        return allCommits.get();
    }

    /**
     * Waits until a commit of events (any tenant's) is counted after {@code mark}, or until {@code deadline} (a
     * {@link System#nanoTime} value); answers whether one was.
     */
    public boolean awaitCommit(long mark, long deadline) throws InterruptedException {
        synchronized (nextCommit) {
            waiting++;
            try {
                while (allCommits.get() == mark) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(nextCommit, left);
                }
                return true;
            } finally {
                waiting--;
            }
        }
    }

    /** The tenants of {@code tenants} that {@code worker} should visit now, each noted with the commits counted so far. */
    public Round round(String worker, List<String> tenants) {
        long now = nanos.getAsLong();
        Map<String, Long> due = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (String tenant : tenants) {
            long seen = commitsOf(tenant);
            Quiet q = quiet.get(new Visitor(worker, tenant));
            if (q == null || q.commitsSeen() != seen || now - q.backAt() >= 0) {
                due.put(tenant, seen);
                order.add(tenant);
            }
        }
        return new Round(worker, List.copyOf(order), due);
    }

    private long commitsOf(String tenant) {
        AtomicLong n = commits.get(tenant);
        return n == null ? 0 : n.get();
    }

    /**
     * One tick's visits: the tenants due, in the order given. Each visit ends with {@link #visited}; a visit that
     * fails is not ended, so its tenant stays due.
     */
    public final class Round {
        private final String worker;
        private final List<String> tenants;
        private final Map<String, Long> commitsAtStart;

        private Round(String worker, List<String> tenants, Map<String, Long> commitsAtStart) {
            this.worker = worker;
            this.tenants = tenants;
            this.commitsAtStart = commitsAtStart;
        }

        public List<String> tenants() {
            return tenants;
        }

        /** Ends the tenant's visit: one that did work keeps it due every tick; an empty one lengthens its pause. */
        public void visited(String tenant, boolean worked) {
            Visitor key = new Visitor(worker, tenant);
            if (worked) {
                quiet.remove(key);
                return;
            }
            Quiet before = quiet.get(key);
            int empty = before == null ? 1 : Math.min(before.emptyVisits() + 1, 30);
            long pause = Math.min(idleMax.toNanos(), FIRST_PAUSE << Math.min(empty - 1, 20));
            // the commits as the visit began: one made during the visit is newer, so the next tick comes back for it
            quiet.put(key, new Quiet(commitsAtStart.getOrDefault(tenant, 0L), empty, nanos.getAsLong() + pause));
        }
    }
}
