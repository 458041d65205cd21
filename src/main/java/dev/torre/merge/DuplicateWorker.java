package dev.torre.merge;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;


import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import dev.torre.platform.feed.EventView;
import dev.torre.platform.feed.TenantFeedConsumer;
import dev.torre.platform.persistence.WorkerTick;

/**
 * Keeps the duplicate pairs current: per tenant it reads contact and company events from its stored position and
 * re-scores the pairs of the records they touched (a merge touches the merged records too), advancing its position in
 * the same transaction. A pass holds the tenant's cursor row ({@code FOR UPDATE SKIP LOCKED}), so several instances
 * share the tenants without doing the same work twice.
 */
@ApplicationScoped
public class DuplicateWorker {

    private static final TenantFeedConsumer.Cursor CURSOR = new TenantFeedConsumer.Cursor("duplicate_cursor",
            List.of("contact.*", "company.*"));

    @Inject
    TenantFeedConsumer consumer;

    @Inject
    DuplicatePairs pairs;

    @Inject
    DuplicateConfig config;

    @WorkerTick
    @Scheduled(every = "${torre.duplicates.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        consumer.eachDueTenant("Duplicate pass", tenant ->
                consumer.drain(config.worker().eventBatch(), config.worker().eventBudget(), () -> catchUp(tenant)));
    }

    /** Skips the scheduled pass where the worker is turned off. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        DuplicateConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.worker().enabled();
        }
    }

    /** Reads one batch of the tenant's events after its position and re-scores the touched records' pairs; answers the events read. */
    @ActivateRequestContext
    public int catchUp(String tenant) {
        return consumer.catchUp(CURSOR, tenant, config.worker().eventBatch(), this::act);
    }

    /** Re-scores the pairs of the records a page of events touched. */
    private void act(List<EventView> events) {
        touched(events).forEach((type, ids) -> pairs.refresh(type, ids.toArray(UUID[]::new)));
    }

    /** The records the events are about, by kind; a merge's event names its survivor and carries the merged ones. */
    private static Map<String, Set<UUID>> touched(List<EventView> events) {
        Map<String, Set<UUID>> byType = new LinkedHashMap<>();
        for (EventView e : events) {
            if (!"contact".equals(e.entityType()) && !"company".equals(e.entityType()) || e.entityId() == null
                    || !LookAlikeChanges.matter(e)) {
                continue;
            }
            Set<UUID> ids = byType.computeIfAbsent(e.entityType(), k -> new LinkedHashSet<>());
            ids.add(UUID.fromString(e.entityId()));
            if (e.payload() != null && e.payload().get("mergedIds") instanceof List<?> merged) {
                merged.forEach(id -> ids.add(UUID.fromString(id.toString())));
            }
        }
        return byType;
    }
}
