package dev.torre.platform.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import dev.torre.platform.tenancy.TenantContext;
import java.time.InstantSource;

/**
 * Fixed-window request counters that several server instances share through one PostgreSQL table. Each window
 * (aligned to the epoch, {@code seconds} long) allows {@code limit} requests per key across all instances. An
 * instance does not write every request: it reserves a lease of about a twentieth of the limit with one upsert, spends
 * it locally, and reserves again when it runs out. Once the shared count is spent, the instance refuses the key
 * locally until the window ends, without asking the database again. A lease an instance does not spend is lost for
 * that window, so with N busy instances the admitted total is between {@code limit - N × lease} and {@code limit}.
 * <p>
 * A reservation runs outside the window's lock, once per window at a time: requests that need the same lease wait for
 * that one statement instead of queueing to make their own. When the database cannot be reached the counter lets
 * requests through uncounted ({@link #take} answers null) and does not ask again for {@code pause}, so during an
 * outage a request learns it from its own work (a 503) rather than from a wait for the limiter's connection first.
 */
public class SharedWindows {

    private static final Logger LOG = Logger.getLogger(SharedWindows.class);

    /** The answer for one request: allowed or not, what is left, and when the window ends. */
    public record Take(boolean allowed, long remaining, long resetSeconds, int limit) {
    }

    /** What this instance holds of one key's current window. */
    private static final class Window {
        long start = -1;
        int leased;
        int spent;
        long sharedUsed;
        boolean exhausted;
        /** The reservation under way for this window, which other requests of the key wait for. */
        CompletableFuture<Void> reserving;
    }

    private final DataSource dataSource;
    private final InstantSource clock;
    private final int leaseParts;
    private final Duration pause;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong reservations = new AtomicLong();
    private volatile Instant unreachableUntil = Instant.MIN;

    /**
     * @param leaseParts the limit divided by this is the lease an instance reserves at a time (at least 1)
     * @param pause how long, after a reservation failed, requests go uncounted without asking the database again
     */
    public SharedWindows(DataSource dataSource, InstantSource clock, int leaseParts, Duration pause) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.leaseParts = Math.max(1, leaseParts);
        this.pause = pause;
    }

    /** With a one-second pause after a failed reservation. */
    public SharedWindows(DataSource dataSource, InstantSource clock, int leaseParts) {
        this(dataSource, clock, leaseParts, Duration.ofSeconds(1));
    }

    /** Whether the key's current window can be answered from this instance's lease, without the database. */
    public boolean answerableLocally(String tenant, String key, int seconds) {
        if (paused()) {
            return true;
        }
        Window w = windows.get(tenant + "\u0000" + key);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            return w.start == windowStart(seconds) && (w.exhausted || w.spent < w.leased);
        }
    }

    /**
     * Takes one request of the key's window; may reserve a new lease from the database (one statement). Answers null
     * when the window could not be counted because the database is unreachable: the request goes on uncounted.
     */
    public Take take(String tenant, String key, int limit, int seconds) {
        Window w = windows.computeIfAbsent(tenant + "\u0000" + key, k -> new Window());
        int lease = Math.max(1, limit / leaseParts);
        while (true) {
            CompletableFuture<Void> reservation;
            boolean mine = false;
            long start;
            synchronized (w) {
                long now = clock.instant().getEpochSecond();
                start = now - Math.floorMod(now, seconds);
                long reset = start + seconds - now;
                if (w.start != start) {
                    w.start = start;
                    w.leased = 0;
                    w.spent = 0;
                    w.sharedUsed = 0;
                    w.exhausted = false;
                    w.reserving = null; // one for an older window credits nothing to this one
                }
                if (w.spent < w.leased) {
                    w.spent++;
                    long remaining = Math.max(0, limit - w.sharedUsed) + (w.leased - w.spent);
                    return new Take(true, remaining, reset, limit);
                }
                if (w.exhausted) {
                    return new Take(false, 0, reset, limit);
                }
                if (paused()) {
                    return null;
                }
                if (w.reserving == null) {
                    w.reserving = new CompletableFuture<>();
                    mine = true;
                }
                reservation = w.reserving;
            }
            if (mine) {
                reserveInto(w, reservation, tenant, key, start, limit, lease);
            }
            try {
                reservation.join();
            } catch (CompletionException unreachable) {
                return null;
            }
            // the lease is in (or the window spent, or taken by the others waiting): look again
        }
    }

    /** How many leases this instance has reserved from the database (its statements), since it started. */
    public long reservations() {
        return reservations.get();
    }

    private boolean paused() {
        return clock.instant().isBefore(unreachableUntil);
    }

    /** Reserves a lease for the window starting at {@code start} and credits it, unless a newer window began meanwhile. */
    private void reserveInto(Window w, CompletableFuture<Void> reservation, String tenant, String key, long start, int limit,
            int lease) {
        try {
            long used = reserve(tenant, key, start, lease);
            synchronized (w) {
                if (w.start == start) {
                    long granted = Math.min(lease, limit - (used - lease));
                    w.sharedUsed = used;
                    if (granted <= 0) {
                        w.exhausted = true;
                    } else {
                        w.leased += (int) granted;
                    }
                }
                if (w.reserving == reservation) {
                    w.reserving = null;
                }
            }
            reservation.complete(null);
        } catch (RuntimeException e) {
            unreachableUntil = clock.instant().plus(pause);
            synchronized (w) {
                if (w.reserving == reservation) {
                    w.reserving = null;
                }
            }
            LOG.warnf("Rates go uncounted for %s: the shared counter could not be reached (%s)", pause, e.getMessage());
            reservation.completeExceptionally(e);
        } finally {
            if (!reservation.isDone()) { // an Error: the requests waiting for this reservation must not wait forever
                synchronized (w) {
                    if (w.reserving == reservation) {
                        w.reserving = null;
                    }
                }
                reservation.completeExceptionally(new IllegalStateException("The reservation did not finish"));
            }
        }
    }

    private long windowStart(int seconds) {
        long now = clock.instant().getEpochSecond();
        return now - Math.floorMod(now, seconds);
    }

    /** Adds a lease to the shared count of the window and answers the count with it; a newer window replaces an older one. */
    private long reserve(String tenant, String key, long start, int lease) {
        reservations.incrementAndGet();
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            insert into rate_window as r (tenant_id, rate_key, window_start, used) values (?, ?, ?, ?)
                            on conflict (tenant_id, rate_key) do update set
                                used = case when excluded.window_start > r.window_start then excluded.used
                                            when excluded.window_start = r.window_start then r.used + excluded.used
                                            else r.used end,
                                window_start = greatest(r.window_start, excluded.window_start)
                            returning case when window_start = ? then used else 2147483647 end
                            """)) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                ps.setLong(3, start);
                ps.setInt(4, lease);
                ps.setLong(5, start);
                try (ResultSet row = ps.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("The shared rate counter could not be updated", e);
            }
        });
    }
}
