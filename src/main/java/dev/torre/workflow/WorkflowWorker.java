package dev.torre.workflow;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.persistence.TenantCursor;
import dev.torre.platform.query.SqlFragment;
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

    private static final Logger LOG = Logger.getLogger(WorkflowWorker.class);
    static final int LOCK_TIMEOUT_MS = 500;

    @Inject
    EntityManager em;

    @Inject
    Tenants tenants;

    @Inject
    EventFeed feed;

    @Inject
    TriggerPass triggers;

    @Inject
    Calendar calendar;

    @Inject
    WakePass wake;

    @Inject
    WorkflowConfig config;

    @Scheduled(every = "${torre.workflows.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (String tenant : tenants.active()) {
            try {
                while (catchUp(tenant) == config.worker().eventBatch()) {
                    // a full batch: more may be waiting
                }
                calendar(tenant);
                while (wake(tenant) == config.worker().wakeBatch()) {
                    // more due runs may be waiting
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Workflow pass failed for tenant %s; it resumes next tick", tenant);
            }
        }
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
        return TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> {
            List<String> position = TenantCursor.claim(em, "workflow_cursor", tenant, LOCK_TIMEOUT_MS);
            if (position.isEmpty()) {
                return 0;
            }
            String after = position.getFirst().isEmpty() ? null : position.getFirst();
            EventFeed.Page page = feed.readAfter(tenant, after, List.of(), config.worker().eventBatch());
            triggers.apply(page.data());
            Sql.update(em, SqlFragment.of("update workflow_cursor set position = ?, updated_at = now() where tenant_id = ?",
                    page.next(), tenant));
            return page.data().size();
        }));
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
