package dev.torre.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import dev.torre.platform.error.Failures;
import dev.torre.platform.lifecycle.ServerStop;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.persistence.TenantCursor;
import dev.torre.platform.feed.EventView;
import dev.torre.platform.feed.TenantFeedConsumer;
import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantActivity;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;
import dev.torre.platform.time.ServerClock;

/**
 * Keeps scores fresh outside the requests that change data: per tenant it reads the event log through the shared
 * {@link TenantFeedConsumer} and rescores, set-based, the contacts the events touched (and re-predicts those
 * contacts' churn risk and the touched deals' win probability), recomputes time-dependent scores and predictions in
 * bounded batches, and queues (on schedule) and runs training jobs. A tenant's pass holds its cursor row ({@code FOR UPDATE SKIP LOCKED}), so several
 * instances share the tenants without doing the same work twice.
 */
@ApplicationScoped
public class ScoringWorker {

    @Inject
    ServerClock clock;

    private static final Logger LOG = Logger.getLogger(ScoringWorker.class);
    /** Set-based passes over a large tenant (a full recompute after a rule change) outlast the default timeout. */
    static final int LONG_TRANSACTION_SECONDS = 900;
    /** Below PostgreSQL's deadlock_timeout (1 s): in a lock cycle with a request, the worker's pass is the one rolled back. */
    static final int LOCK_TIMEOUT_MS = TenantFeedConsumer.LOCK_TIMEOUT_MS;
    /** Scoring reads every event type: what moves a score is decided per event in {@link #rescore}. */
    private static final TenantFeedConsumer.Cursor CURSOR = new TenantFeedConsumer.Cursor("scoring_cursor", List.of(),
            LONG_TRANSACTION_SECONDS);

    @Inject
    EntityManager em;

    @Inject
    Tenants tenants;

    @Inject
    TenantFeedConsumer consumer;

    @Inject
    LeadScoreService scores;

    @Inject
    ScoringModelService models;

    @Inject
    ScoringConfig config;

    @Inject
    TenantActivity activity;

    @Inject
    PredictionService predictions;

    /**
     * A pass over every tenant, repeated at once while some tenant still had work when its budget ran out, so an
     * import's backlog is worked off without waiting for the next tick (each round lists the tenants again, so a
     * tenant that just became active waits at most one round).
     */
    @WorkerTick
    @Scheduled(every = "${torre.scoring.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        boolean more = true;
        while (more && !stopping && !ServerStop.underway()) {
            // only the tenants due (TenantActivity): a quiet one is visited less often, one with new events at once
            TenantActivity.Round due = activity.round("scoring", tenants());
            Map<String, Pass> passes = rounds(due.tenants(), config.worker().tenantBudget());
            passes.forEach((tenant, pass) -> due.visited(tenant, pass.rows() > 0 || pass.more()));
            more = passes.values().stream().anyMatch(Pass::more);
            if (more) {
                LOG.tracef("Scoring backlog left after a round; next round at once");
            }
        }
    }

    /**
     * Training runs on a schedule of its own, never inside the scoring loop: a tenant's long training leaves every
     * tenant's scores (its own included) moving.
     */
    @WorkerTick
    @Scheduled(every = "${torre.scoring.worker.training-every:30s}", delayed = "10s", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void trainingTick() {
        for (String tenant : tenants()) {
            ServerStop.check(); // a stop ends the pass between tenants
            try {
                train(tenant);
            } catch (RuntimeException e) {
                if (Failures.unreachable(e)) {
                    throw e; // every tenant would fail the same way: the tick logs it once
                }
                LOG.errorf(e, "Training for tenant %s failed", tenant);
            }
        }
    }

    /** Queues the tenant's due trainings and runs its queued jobs; answers how many jobs it ran. */
    public int train(String tenant) {
        models.queueDue(tenant, clock.now());
        int ran = 0;
        while (models.runQueued(tenant)) {
            ran++;
        }
        return ran;
    }

    /**
     * One pass over the tenants: each gets at most {@code budget} rows of work (events read, contacts rescored) and
     * the configured time, so a tenant with a large backlog is served a share and the next tenant is not kept waiting
     * behind it. Up to {@code parallelism} tenants are served at once, each by its own thread and connection, taking
     * the next tenant from a shared queue when done (another instance skips a tenant whose cursor a pass holds).
     * Answers the rows done per tenant, in the order given.
     */
    public Map<String, Integer> round(List<String> tenants, int budget) {
        Map<String, Integer> done = new LinkedHashMap<>();
        rounds(tenants, budget).forEach((tenant, pass) -> done.put(tenant, pass.rows()));
        return done;
    }

    /** What a tenant's pass did: the rows, and whether it stopped at its budget rather than for want of work. */
    record Pass(int rows, boolean more) {
    }

    private Map<String, Pass> rounds(List<String> tenants, int budget) {
        Queue<String> queue = new ConcurrentLinkedQueue<>(tenants);
        Map<String, Pass> done = new ConcurrentHashMap<>();
        // the database out of reach ends the round: the other tenants would fail the same way (the tick logs it once)
        AtomicReference<RuntimeException> outage = new AtomicReference<>();
        Runnable serve = () -> {
            for (String tenant = queue.poll(); tenant != null && !ServerStop.underway(); tenant = queue.poll()) {
                try {
                    done.put(tenant, pass(tenant, budget, System.nanoTime() + config.worker().tenantTime().toNanos()));
                } catch (RuntimeException e) {
                    if (Failures.unreachable(e)) {
                        outage.compareAndSet(null, e);
                        queue.clear();
                    } else if (lockTimedOut(e)) {
                        LOG.debugf("Scoring pass for tenant %s gave way to a concurrent write; it resumes next tick", tenant);
                    } else {
                        LOG.errorf(e, "Scoring pass failed for tenant %s", tenant);
                    }
                }
            }
        };
        int helpers = Math.min(config.worker().parallelism(), tenants.size()) - 1;
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < helpers; i++) {
            running.add(pool().submit(serve));
        }
        serve.run();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.errorf(e.getCause(), "A scoring thread failed");
            }
        }
        if (outage.get() != null) {
            throw outage.get();
        }
        Map<String, Pass> ordered = new LinkedHashMap<>();
        for (String tenant : tenants) {
            if (done.containsKey(tenant)) {
                ordered.put(tenant, done.get(tenant));
            }
        }
        return ordered;
    }

    /**
     * One tenant's share: its events after the cursor in batches (each full one followed by a read ahead), then its
     * pending full rescore, then decay, until {@code budget} rows are done or the deadline ({@link System#nanoTime()})
     * has passed.
     */
    Pass pass(String tenant, int budget, long deadline) {
        // Drained means a read that found nothing, not a short page: under a steady write load every page is short,
        // and stopping at one would leave each score waiting for the next tick (up to its second) instead of the
        // pass reading on while events arrive, until its budget or deadline.
        // At least one page, however late the pass.
        int done = 0;
        boolean full;
        int read;
        do {
            int limit = Math.min(config.worker().eventBatch(), budget - done);
            read = catchUp(tenant, clock.now(), limit);
            done += read;
            full = read > 0 && read == limit;
            if (full) {
                done += readAhead(tenant, clock.now(), budget - done); // a backlog: the single writes behind it first
            }
        } while (read > 0 && !spent(done, budget, deadline) && !ServerStop.underway());
        if (full || spent(done, budget, deadline)) {
            return new Pass(done, done > 0);
        }
        int step = 0;
        while (!spent(done, budget, deadline)
                && (step = rescoreStep(tenant, clock.now(), Math.min(config.worker().rescoreBatch(), budget - done))) > 0) {
            done += step;
        }
        if (step > 0 || spent(done, budget, deadline)) {
            return new Pass(done, done > 0);
        }
        return new Pass(done + decay(tenant, clock.now()), false);
    }

    /**
     * Whether a pass has used its rows or its time. A pass cut short says work may be left only when it did some
     * (a tenant whose empty pass alone outlasts its time must not keep the tick going round).
     */
    private static boolean spent(int done, int budget, long deadline) {
        return done >= budget || System.nanoTime() >= deadline;
    }

    /** The threads that serve further tenants alongside the caller's, made on first use. */
    private synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "torre-scoring-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    private ExecutorService pool;
    private volatile boolean stopping;

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static boolean lockTimedOut(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Skips the scheduled pass where the worker is turned off. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        ScoringConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.worker().enabled();
        }
    }

    /** Every tenant that has written an event. */
    List<String> tenants() {
        return tenants.active();
    }

    /**
     * Reads one batch of the tenant's events after its position and rescores the contacts they touched, as of
     * {@code now}; answers how many events it read (0 also when another instance holds the tenant).
     */
    @ActivateRequestContext
    public int catchUp(String tenant, Instant now) {
        return catchUp(tenant, now, config.worker().eventBatch());
    }

    /** As {@link #catchUp(String, Instant)}, reading at most {@code limit} events. */
    @ActivateRequestContext
    public int catchUp(String tenant, Instant now, int limit) {
        if (limit <= 0) {
            return 0;
        }
        return consumer.catchUp(CURSOR, tenant, limit, events -> rescore(tenant, events, now));
    }

    /**
     * Rescores the contacts that the newest single writes past the cursor touched, ahead of it (see
     * {@link ScoringConfig.Worker#aheadMaxTransaction()}), at most {@code most} events of them, and remembers how far it
     * read; answers how many events it acted on (0 also when another instance holds the tenant).
     */
    @ActivateRequestContext
    public int readAhead(String tenant, Instant now, int most) {
        int largest = config.worker().aheadMaxTransaction();
        int allowed = Math.min(most, config.worker().aheadMaxEvents());
        if (largest <= 0 || allowed <= 0) {
            return 0;
        }
        AtomicInteger acted = new AtomicInteger();
        consumer.readAhead(CURSOR, tenant, ahead.get(tenant), config.worker().aheadScan(), largest, allowed, events -> {
            acted.set(events.size());
            rescore(tenant, events, now);
        }).ifPresent(next -> ahead.put(tenant, next));
        return acted.get();
    }

    /**
     * How far each tenant's read ahead got on this instance: a hint only, as the cursor bounds it from below (another
     * instance's passes move the cursor; a restart starts again from it).
     */
    private final Map<String, String> ahead = new ConcurrentHashMap<>();

    /**
     * Scores the next batch of at most {@code batch} of the tenant's active contacts, in id order, of its pending full
     * rescore, and stores how far it got; the short batch ends it. Answers how many contacts it scored (0: none
     * pending, or another instance holds the tenant).
     */
    @ActivateRequestContext
    public int rescoreStep(String tenant, Instant now, int batch) {
        return TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> {
            if (lockCursor(tenant).isEmpty()) {
                return 0;
            }
            List<UUID[]> pending = Sql.query(em, SqlFragment.of(
                    "select rescore_after from scoring_cursor where tenant_id = ? and rescore_pending", tenant),
                    r -> new UUID[] { Sql.uuid(r, 1) });
            if (pending.isEmpty()) {
                return 0;
            }
            UUID after = pending.getFirst()[0];
            List<Object> params = new ArrayList<>(List.of(tenant));
            if (after != null) {
                params.add(after);
            }
            List<UUID> ids = Sql.query(em, new SqlFragment("select id from contact where tenant_id = ? and archived_at is null %s order by id limit %d"
                    .formatted(after == null ? "" : "and id > ?", batch), params), r -> Sql.uuid(r, 1));
            if (!ids.isEmpty()) {
                scores.recompute(ids.toArray(UUID[]::new), now);
                predictions.refresh(models.predicted(ChurnRisk.KIND).orElseThrow(), ids, now);
            }
            boolean done = ids.size() < batch;
            if (ids.isEmpty()) {
                Sql.update(em, SqlFragment.of("update scoring_cursor set rescore_pending = false where tenant_id = ?", tenant));
            } else {
                Sql.update(em, SqlFragment.of("update scoring_cursor set rescore_after = ?, rescore_pending = ? where tenant_id = ?",
                        ids.getLast(), !done, tenant));
            }
            return Math.max(ids.size(), 1);
        }));
    }

    /**
     * Recomputes one bounded batch of the tenant's time-dependent scores older than the decay interval, and one of
     * each kind's predictions older than theirs (recency features move with time); answers how many.
     */
    @ActivateRequestContext
    public int decay(String tenant, Instant now) {
        return TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().timeout(LONG_TRANSACTION_SECONDS).call(() -> {
            if (lockCursor(tenant).isEmpty()) {
                return 0;
            }
            List<UUID> stale = Sql.query(em, SqlFragment.of("""
                    select contact_id from contact_score
                    where tenant_id = ? and decays and computed_at < ?
                    order by computed_at limit ?
                    """, tenant, now.minus(config.worker().decayAfter()), config.worker().decayBatch()),
                    r -> Sql.uuid(r, 1));
            if (!stale.isEmpty()) {
                scores.recompute(stale.toArray(UUID[]::new), now);
            }
            int refreshed = 0;
            for (Predicted kind : models.perRecord()) {
                refreshed += predictions.refreshStale(kind, now, config.worker().predictionsAfter(), config.worker().decayBatch());
            }
            return stale.size() + refreshed;
        }));
    }

    /** Holds the tenant's cursor row for this pass; empty when another instance holds it. */
    private List<String> lockCursor(String tenant) {
        return TenantCursor.claim(em, "scoring_cursor", tenant, LOCK_TIMEOUT_MS);
    }

    /**
     * For each kind of record whose events move a contact's score: the statement that finds the contacts behind a
     * set of its ids (tenant, ids). Deals reach their primary contact and the contacts linked to them.
     */
    private static final Map<String, String> CONTACTS_OF = Map.of(
            "company", "select id from contact where tenant_id = ? and company_id = any(?) and archived_at is null",
            "interaction", "select contact_id from interaction where tenant_id = ? and id = any(?) and contact_id is not null",
            "order", "select contact_id from sales_order where tenant_id = ? and id = any(?)",
            "ticket", "select contact_id from ticket where tenant_id = ? and id = any(?) and contact_id is not null",
            "nps_response", "select contact_id from nps_response where tenant_id = ? and id = any(?)",
            "deal", """
                    select x.contact_id from deal d
                    cross join lateral (select d.contact_id
                                        union select dc.contact_id from deal_contact dc
                                        where dc.tenant_id = d.tenant_id and dc.deal_id = d.id) x
                    where d.tenant_id = ? and d.id = any(?) and x.contact_id is not null
                    """);

    private void rescore(String tenant, List<EventView> events, Instant now) {
        Set<UUID> contacts = new LinkedHashSet<>();
        Set<UUID> deals = new LinkedHashSet<>();
        Map<String, Set<UUID>> related = new HashMap<>();
        boolean everything = false;
        for (EventView e : events) {
            UUID id = UUID.fromString(e.entityId());
            switch (e.entityType()) {
                case "contact" -> {
                    // scoring's own announcements change nothing that scores read
                    if (!e.type().startsWith("contact.score_") && !e.type().startsWith("contact.churn_risk_")) {
                        contacts.add(id);
                    }
                }
                case "scoring_rule", "scoring_settings" -> everything = true;
                // only the lead-conversion model takes part in lead scores; the others re-predicted their records when trained
                case "scoring_model" -> everything |= LeadScoreService.KIND.equals(e.payload().get("kind"));
                default -> {
                    if ("deal".equals(e.entityType())) {
                        deals.add(id);
                    }
                    if (CONTACTS_OF.containsKey(e.entityType())) {
                        related.computeIfAbsent(e.entityType(), k -> new LinkedHashSet<>()).add(id);
                    }
                    // other records do not feed the scores
                }
            }
        }
        related.forEach((type, ids) -> contacts.addAll(Sql.query(em,
                SqlFragment.of(CONTACTS_OF.get(type), tenant, ids.toArray(UUID[]::new)), r -> Sql.uuid(r, 1))));
        if (everything) {
            // everyone, in the worker's bounded batches after this one; the touched contacts now
            scores.requestFullRescore();
        }
        if (!contacts.isEmpty()) {
            scores.recompute(contacts.toArray(UUID[]::new), now);
        }
        predictions.refresh(models.predicted(ChurnRisk.KIND).orElseThrow(), contacts, now);
        predictions.refresh(models.predicted(DealWin.KIND).orElseThrow(), deals, now);
    }
}
