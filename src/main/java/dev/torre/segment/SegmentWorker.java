package dev.torre.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.persistence.TenantCursor;
import dev.torre.platform.feed.TenantFeedConsumer;
import dev.torre.platform.feed.EventView;
import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.query.Filter;
import dev.torre.platform.query.FilterParser;
import dev.torre.platform.query.RelativeTime;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;
import dev.torre.platform.time.ServerClock;

/**
 * Keeps dynamic segments current: per tenant it reads the event log from its stored position, gathers the records
 * the events touched, and re-evaluates them against every live dynamic segment of their type, one set-based statement
 * per segment, advancing its position in the same transaction. It also runs sweeps (backfills of new filters and
 * scheduled re-evaluations) in bounded batches, and bounds each tenant's share of a tick. A tenant's pass holds its cursor row
 * ({@code FOR UPDATE SKIP LOCKED}), so several instances share the tenants without doing the same work twice; a batch
 * read again after a failure finds the table already in line and announces nothing twice.
 */
@ApplicationScoped
public class SegmentWorker {

    @Inject
    ServerClock clock;

    private static final Logger LOG = Logger.getLogger(SegmentWorker.class);
    /** Below PostgreSQL's deadlock_timeout: in a lock cycle with a request, the pass is the one to give way. */
    static final int LOCK_TIMEOUT_MS = TenantFeedConsumer.LOCK_TIMEOUT_MS;

    /**
     * The events that can change what a record matches: its own, consent decisions, and a contact's interactions and
     * orders (its last message's outcome, its purchases and interaction times are filterable on contacts).
     */
    private static final TenantFeedConsumer.Cursor CURSOR = new TenantFeedConsumer.Cursor("segment_cursor",
            List.of("contact.*", "company.*", "deal.*", "consent.*", "interaction.*", "order.*"));

    @Inject
    EntityManager em;

    @Inject
    TenantFeedConsumer consumer;

    @Inject
    Membership members;

    @Inject
    SegmentConfig config;

    @Inject
    MeterRegistry registry;

    /** Write to membership change: from the event that touched a record to the pass that moved it in or out. */
    private Timer lag;

    @jakarta.annotation.PostConstruct
    void meters() {
        lag = Timer.builder("torre.segment.membership.lag")
                .description("Time from a write (its event) to the membership change it causes in a dynamic segment")
                .publishPercentileHistogram().register(registry);
    }

    @Inject
    Tenants tenants;

    @ConfigProperty(name = "torre.segments.worker.every", defaultValue = "1s")
    String every;

    /**
     * Follows this instance's commits of events for most of its interval (as webhook deliveries and workflows do): a
     * write changes a membership within moments rather than at the next tick.
     */
    @WorkerTick
    @Scheduled(every = "${torre.segments.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        tenants.forEachDueFor("Segment pass", Tenants.interval(every), Tenants.FEED_ROUND_GAP, this::pass);
    }

    /**
     * One tenant's share of a tick: its events up to the event budget, then its sweeps up to the sweep budget; what
     * is left waits for the next tick, after every other tenant has had its share. Answers events read and records
     * swept.
     */
    public int pass(String tenant) {
        int read = consumer.drain(config.worker().eventBatch(), config.worker().eventBudget(), () -> catchUp(tenant));
        return read + sweep(tenant, config.worker().sweepBudget());
    }

    @WorkerTick
    @Scheduled(every = "${torre.segments.worker.resync-every:5m}", delayed = "1m", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resyncAll() {
        consumer.eachTenant(LOG, "Segment resync", tenant -> resync(tenant, false));
    }

    @WorkerTick
    @Scheduled(every = "${torre.segments.worker.relative-every:5m}", delayed = "30s", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reevaluateRelative() {
        consumer.eachTenant(LOG, "Re-evaluating time-relative segments", tenant -> resync(tenant, true));
    }

    /** Skips the scheduled pass where the worker is turned off. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        SegmentConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.worker().enabled();
        }
    }

    /**
     * Reads one batch of the tenant's events after its position and brings the touched records' memberships in line;
     * answers how many events it read (0 also when another instance holds the tenant).
     */
    @ActivateRequestContext
    public int catchUp(String tenant) {
        return consumer.catchUp(CURSOR, tenant, config.worker().eventBatch(), events -> reevaluate(touched(events)));
    }

    /**
     * The records the events are about, by object type, each with the time of the earliest event about it in the
     * batch (what its membership lag is measured from). A consent decision touches its contact; an interaction or
     * an order touches its contact, and only when a live contact segment reads such a field, so that the common
     * interaction write costs the pass nothing.
     */
    private Map<String, Map<UUID, Instant>> touched(List<EventView> events) {
        Map<String, Map<UUID, Instant>> byType = new HashMap<>();
        List<EventView> activity = new ArrayList<>();
        for (EventView e : events) {
            String type = e.entityType();
            String id = e.entityId();
            if ("interaction".equals(type) || "order".equals(type)) {
                activity.add(e);
                continue;
            }
            if ("consent".equals(type)) {
                type = "contact";
                Object contact = e.payload().get("contactId");
                id = contact instanceof String s ? s : id;
            }
            if (SegmentTypes.byEntity(type) != null && id != null) {
                byType.computeIfAbsent(type, k -> new LinkedHashMap<>()).merge(UUID.fromString(id), e.occurredAt(), SegmentWorker::earlier);
            }
        }
        if (!activity.isEmpty() && activityMatters()) {
            Map<UUID, Instant> contacts = byType.computeIfAbsent("contact", k -> new LinkedHashMap<>());
            activityContacts(activity).forEach((contact, at) -> contacts.merge(contact, at, SegmentWorker::earlier));
        }
        return byType;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Whether some live dynamic contact segment reads a field that interactions or orders move. */
    private boolean activityMatters() {
        return em.createQuery("select s.filter from Segment s where s.archivedAt is null and s.kind = :kind and s.objectType = 'contact'",
                String.class).setParameter("kind", SegmentInput.DYNAMIC).getResultList().stream()
                .anyMatch(filter -> Filter.paths(FilterParser.parse(filter)).stream().anyMatch(ACTIVITY_FIELDS));
    }

    private static final java.util.function.Predicate<String> ACTIVITY_FIELDS = path -> {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        return p.startsWith("purchases.") || p.equals("lastmessagestatus") || p.equals("lastinteractionat") || p.equals("lastinboundat");
    };

    /** The contacts of these interaction and order events, read from their records (an update names no contact). */
    private Map<UUID, Instant> activityContacts(List<EventView> activity) {
        Map<UUID, Instant> at = new HashMap<>();
        Map<String, List<UUID>> ids = new HashMap<>();
        for (EventView e : activity) {
            UUID id = UUID.fromString(e.entityId());
            at.merge(id, e.occurredAt(), SegmentWorker::earlier);
            ids.computeIfAbsent(e.entityType(), k -> new ArrayList<>()).add(id);
        }
        Map<UUID, Instant> contacts = new LinkedHashMap<>();
        ids.forEach((type, list) -> Sql.query(em, SqlFragment.of("select id, contact_id from " + ("order".equals(type) ? "sales_order" : "interaction")
                + " where tenant_id = ? and id = any(?) and contact_id is not null", TenantContext.current(), list.toArray(UUID[]::new)),
                r -> contacts.merge(Sql.uuid(r, 2), at.get(Sql.uuid(r, 1)), SegmentWorker::earlier)));
        return contacts;
    }

    /**
     * Starts a scheduled sweep of each live dynamic segment of the tenant ({@code relativeOnly}: of those whose filter
     * names a relative time such as {@code "now-30d"}) that is not being swept already; the worker's passes run them
     * in bounded batches. What changes without an event of its record (a lead score that moved less than its
     * announcement step, a churn risk, the clock against a relative time) is caught this way. Answers how many
     * sweeps it started.
     */
    @ActivateRequestContext
    public int resync(String tenant, boolean relativeOnly) {
        return TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> {
            List<Segment> segments = Sql.query(em, SqlFragment.of("""
                    select s.id from segment s
                    where s.tenant_id = ? and s.archived_at is null and s.kind = 'dynamic'
                      and not exists (select 1 from segment_sweep w where w.tenant_id = s.tenant_id and w.segment_id = s.id
                                      and w.finished_at is null)
                    order by s.id""", tenant), r -> Sql.uuid(r, 1)).stream().map(id -> em.find(Segment.class, id)).toList();
            int started = 0;
            for (Segment segment : segments) {
                if (!relativeOnly || RelativeTime.mentionedIn(segment.filter)) {
                    members.startSweep(segment, Membership.SCHEDULE);
                    started++;
                }
            }
            return started;
        }));
    }

    /**
     * Runs batches of the tenant's unfinished sweeps, oldest first, each in a transaction of its own that holds the
     * tenant's cursor, until they are done or {@code budget} records have been visited; answers how many were.
     */
    @ActivateRequestContext
    public int sweep(String tenant, int budget) {
        int visited = 0;
        while (visited < budget) {
            int step = TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> {
                if (lockCursor(tenant).isEmpty()) {
                    return 0;
                }
                List<UUID> open = members.openSweeps();
                if (open.isEmpty()) {
                    return 0;
                }
                Segment segment = em.find(Segment.class, open.getFirst());
                return members.sweepStep(segment, Math.min(config.worker().sweepBatch(), budget));
            }));
            if (step == 0) {
                break;
            }
            visited += step;
        }
        return visited;
    }

    private void reevaluate(Map<String, Map<UUID, Instant>> touched) {
        touched.forEach((type, ids) -> {
            List<Segment> segments = em.createQuery("from Segment s where s.archivedAt is null and s.kind = :kind"
                    + " and s.objectType = :type order by s.id", Segment.class)
                    .setParameter("kind", SegmentInput.DYNAMIC).setParameter("type", type).getResultList();
            UUID[] batch = ids.keySet().toArray(UUID[]::new);
            Instant now = clock.now();
            for (Segment segment : segments) {
                for (Membership.Change change : members.changes(segment, batch, false)) {
                    lag.record(Duration.between(ids.get(change.recordId()), now));
                }
            }
        });
    }

    /** Holds the tenant's cursor row for this pass; empty when another instance holds it. */
    private List<String> lockCursor(String tenant) {
        return TenantCursor.claim(em, "segment_cursor", tenant, LOCK_TIMEOUT_MS);
    }
}
