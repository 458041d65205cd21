package dev.torre.platform.statistics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the planner's statistics up with a tenant that creates records in bulk. Autovacuum analyses a table only once a
 * tenth of it has changed, so a new tenant's first import into a large table (or into a young one, before autovacuum's
 * next round) ran with statistics that took the tenant for a few rows, and lookups by key scanned all its rows
 * (README, "Imports, exports and merging"). Each tenant's creations are counted per table; at 1,000, 2,000, 4,000, …
 * the table is analysed in the background (database function {@code refresh_statistics}), at most once per table
 * every {@code torre.statistics.min-interval}. Counts are per instance; a restart starts them again.
 */
@ApplicationScoped
public class TableStatistics {

    private static final Logger LOG = Logger.getLogger(TableStatistics.class);

    /** The record types written in bulk, by the table that holds them (the database function allows these only). */
    private static final Map<String, String> TABLES = Map.of("contact", "contact", "company", "company", "deal", "deal",
            "product", "product", "order", "sales_order", "interaction", "interaction");

    /** Creations by one tenant before its first refresh. */
    static final long FIRST = 1_000;

    @Inject
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "torre.statistics.min-interval", defaultValue = "PT10S")
    java.time.Duration minInterval;

    @Inject
    @ConfigProperty(name = "torre.statistics.enabled", defaultValue = "true")
    boolean enabled;

    private record Counter(AtomicLong created, AtomicLong next) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Long> lastRefresh = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicLong requested = new AtomicLong();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "torre-table-statistics");
        t.setDaemon(true);
        return t;
    });

    /** Counts {@code n} records of {@code entityType} created by {@code tenant}; may start a refresh of their table. */
    public void created(String tenant, String entityType, int n) {
        String table = TABLES.get(entityType);
        if (!enabled || table == null || n <= 0) {
            return;
        }
        Counter c = counters.computeIfAbsent(tenant + "\u0000" + table, k -> new Counter(new AtomicLong(), new AtomicLong(FIRST)));
        long total = c.created().addAndGet(n);
        long next = c.next().get();
        // the tenant doubled what it had at the last refresh: its share of the table's statistics is stale
        if (total >= next && c.next().compareAndSet(next, Math.max(next * 2, total))) {
            requested.incrementAndGet();
            refresh(table);
        }
    }

    /** How many refreshes the counts have asked for (some are skipped: one ran a moment ago): for tests. */
    long requested() {
        return requested.get();
    }

    private void refresh(String table) {
        long now = System.nanoTime();
        Long last = lastRefresh.get(table);
        if (last != null && now - last < minInterval.toNanos() || !queued.add(table)) {
            return; // refreshed a moment ago, or a refresh is already on its way
        }
        refresher.execute(() -> {
            try {
                lastRefresh.put(table, System.nanoTime());
                analyse(table);
            } finally {
                queued.remove(table);
            }
        });
    }

    /** Runs the refresh now, on this thread; answers whether it ran (false: another ANALYZE or VACUUM held the table). */
    boolean analyse(String table) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select refresh_statistics(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                boolean ran = rs.next() && rs.getBoolean(1);
                LOG.debugf("statistics of %s %s", table, ran ? "refreshed" : "left: the table was busy");
                return ran;
            }
        } catch (Exception e) {
            // statistics are an optimisation: a failure (the database restarting) costs speed, never a write
            LOG.warnf("Refreshing the statistics of %s failed: %s", table, e.getMessage());
            return false;
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
