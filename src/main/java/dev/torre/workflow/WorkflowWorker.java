package dev.torre.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import dev.torre.platform.feed.TenantFeedConsumer;
import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;

/**
 * The workflow loops, per tenant: read the event log from the trigger cursor (enrolments, woken waits; the cursor
 * moves in the same transaction, held with {@code FOR UPDATE SKIP LOCKED} so instances share tenants), enrol what
 * schedules and dates make due, then advance the runs whose time has come ({@link WakePass}). Tests call the passes
 * directly with a set clock.
 */
@ApplicationScoped
public class WorkflowWorker {

    private static final TenantFeedConsumer.Cursor CURSOR = new TenantFeedConsumer.Cursor("workflow_cursor", List.of());

    @Inject
    EntityManager em;

    @Inject
    TenantFeedConsumer consumer;

    @Inject
    TriggerPass triggers;

    @Inject
    Calendar calendar;

    @Inject
    WakePass wake;

    @Inject
    WorkflowConfig config;

    @Inject
    Tenants tenants;

    @ConfigProperty(name = "torre.workflows.worker.every", defaultValue = "1s")
    String everyText;

    /** The tick's interval; none where it is not a duration (the scheduler's "off"): then each tick is one round. */
    private Duration every;

    /** When each tenant's schedules and dates were last looked at on this instance ({@link System#nanoTime()}). */
    private final Map<String, Long> calendarAt = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        every = Tenants.interval(everyText);
    }

    /**
     * Follows this instance's commits of events for most of its interval (as webhook deliveries do), so that a
     * trigger starts its run within moments of its event rather than at the next tick; schedules and dates are still
     * looked at once an interval.
     */
    @WorkerTick
    @Scheduled(every = "${torre.workflows.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        tenants.forEachDueFor("Workflow pass", every, Tenants.FEED_ROUND_GAP, tenant -> {
            int done = consumer.drain(config.worker().eventBatch(), Integer.MAX_VALUE, () -> catchUp(tenant));
            long now = System.nanoTime();
            Long last = calendarAt.get(tenant);
            if (last == null || now - last >= every.toNanos()) {
                calendarAt.put(tenant, now);
                done += calendar(tenant);
            }
            int woken;
            do { // more due runs may be waiting behind a full batch
                woken = wake(tenant);
                done += woken;
            } while (woken == config.worker().wakeBatch());
            return done;
        });
    }

    /** Skips the scheduled pass where the worker is turned off. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        WorkflowConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.worker().enabled();
        }
    }

    /** Reads one batch of the tenant's events and acts on it; answers how many events it read (0 when another instance holds the tenant). */
    @ActivateRequestContext
    public int catchUp(String tenant) {
        return consumer.catchUp(CURSOR, tenant, config.worker().eventBatch(), triggers::apply);
    }

    /** Enrols what schedules and dates make due now, one short transaction per workflow; answers how many runs started. */
    @ActivateRequestContext
    public int calendar(String tenant) {
        List<Workflow> timed = TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from Workflow w where w.archivedAt is null and w.enabled = true order by w.id", Workflow.class).getResultList()
                .stream().filter(w -> List.of("schedule", "date").contains(w.trigger.path("type").asText())).toList()));
        int started = 0;
        for (Workflow w : timed) {
            started += TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> calendar.due(em.find(Workflow.class, w.id), tenant)));
        }
        return started;
    }

    /** Advances the tenant's runs whose time has come; answers how many. */
    @ActivateRequestContext
    public int wake(String tenant) {
        return TenantContext.callAs(tenant, () -> wake.run(tenant));
    }
}
