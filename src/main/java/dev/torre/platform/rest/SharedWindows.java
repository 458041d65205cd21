package dev.torre.platform.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.Clock;

/**
 * Fixed-window request counters that several server instances share through one PostgreSQL table. Each window
 * (aligned to the epoch, {@code seconds} long) allows {@code limit} requests per key across all instances. An
 * instance does not write every request: it reserves a lease of about a twentieth of the limit with one upsert, spends
 * it locally, and reserves again when it runs out. Once the shared count is spent, the instance refuses the key
 * locally until the window ends, without asking the database again. A lease an instance does not spend is lost for
 * that window, so with N busy instances the admitted total is between {@code limit - N × lease} and {@code limit}.
 */
public class SharedWindows {

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
    }

    private final DataSource dataSource;
    private final int leaseParts;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong reservations = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param leaseParts the limit divided by this is the lease an instance reserves at a time (at least 1)
     */
    public SharedWindows(DataSource dataSource, int leaseParts) {
        this.dataSource = dataSource;
        this.leaseParts = Math.max(1, leaseParts);
    }

    /** Whether the key's current window can be answered from this instance's lease, without the database. */
    public boolean answerableLocally(String tenant, String key, int seconds) {
        Window w = windows.get(tenant + "\u0000" + key);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            return w.start == windowStart(seconds) && (w.exhausted || w.spent < w.leased);
        }
    }

    /** Takes one request of the key's window; may reserve a new lease from the database (one statement). */
    public Take take(String tenant, String key, int limit, int seconds) {
        long now = Clock.now().getEpochSecond();
        long start = now - Math.floorMod(now, seconds);
        long reset = start + seconds - now;
        Window w = windows.computeIfAbsent(tenant + "\u0000" + key, k -> new Window());
        synchronized (w) {
            if (w.start != start) {
                w.start = start;
                w.leased = 0;
                w.spent = 0;
                w.sharedUsed = 0;
                w.exhausted = false;
            }
            if (w.spent >= w.leased && !w.exhausted) {
                int lease = Math.max(1, limit / leaseParts);
                long used = reserve(tenant, key, start, lease);
                long granted = Math.min(lease, limit - (used - lease));
                w.sharedUsed = used;
                if (granted <= 0) {
                    w.exhausted = true;
                } else {
                    w.leased += (int) granted;
                }
            }
            if (w.spent < w.leased) {
                w.spent++;
                long remaining = Math.max(0, limit - w.sharedUsed) + (w.leased - w.spent);
                return new Take(true, remaining, reset, limit);
            }
            return new Take(false, 0, reset, limit);
        }
    }

    /** How many leases this instance has reserved from the database (its statements), since it started. */
    public long reservations() {
        return reservations.get();
    }

    private static long windowStart(int seconds) {
        long now = Clock.now().getEpochSecond();
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
