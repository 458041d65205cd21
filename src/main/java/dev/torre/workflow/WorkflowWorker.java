package dev.torre.workflow;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;


import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import dev.torre.platform.feed.TenantFeedConsumer;
import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.TenantContext;

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

    @WorkerTick
    @Scheduled(every = "${torre.workflows.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        consumer.eachDueTenant("Workflow pass", tenant -> {
            int done = consumer.drain(config.worker().eventBatch(), Integer.MAX_VALUE, () -> catchUp(tenant));
            done += calendar(tenant);
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
