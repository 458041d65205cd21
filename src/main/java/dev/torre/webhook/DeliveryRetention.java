package dev.torre.webhook;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;
import dev.torre.platform.time.ServerClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Purges the content of finished deliveries older than {@code torre.webhooks.body-retention}: a delivery keeps the
 * event it pushed (personal data) only while it may still be retried; afterwards its type, time and outcome remain,
 * until {@code torre.webhooks.row-retention} deletes the row itself (the event log keeps the event; replay rebuilds a
 * delivery). Runs hourly on every instance, per tenant, in batches that skip rows another instance holds.
 */
@ApplicationScoped
public class DeliveryRetention {

    private static final int BATCH = 1000;

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    WebhookConfig config;

    @Inject
    Tenants tenants;

    @WorkerTick
    @Scheduled(every = "${torre.retention.every:1h}", delayed = "${torre.retention.delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        tenants.forEach("Webhook delivery retention", tenant -> purge() + deleteOld());
    }

    /** Purges the current tenant's old delivery bodies, a batch per transaction; answers how many. */
    int purge() {
        return inBatches(this::purgeBatch);
    }

    /** Deletes the current tenant's finished deliveries past the row retention, a batch per transaction; answers how many. */
    int deleteOld() {
        return inBatches(this::deleteBatch);
    }

    private static int inBatches(Callable<Integer> batch) {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(batch);
            total += done;
        } while (done == BATCH);
        return total;
    }

    private int deleteBatch() {
        return em.createNativeQuery("""
                delete from webhook_delivery where tenant_id = ?1 and id in (
                    select id from webhook_delivery where tenant_id = ?1 and status in ('delivered', 'failed')
                      and updated_at < ?2
                    limit ?3 for update skip locked)
                """).setParameter(1, TenantContext.current()).setParameter(2, clock.now().minus(config.rowRetention()))
                .setParameter(3, BATCH).executeUpdate();
    }

    private int purgeBatch() {
        return em.createNativeQuery("""
                update webhook_delivery set body = jsonb_build_object('type', body->'type', 'timestamp', body->'timestamp',
                    'data', null, 'purged', true)
                where tenant_id = ?1 and id in (
                    select id from webhook_delivery where tenant_id = ?1 and status in ('delivered', 'failed')
                      and not jsonb_exists(body, 'purged') and updated_at < ?2
                    limit ?3 for update skip locked)
                """).setParameter(1, TenantContext.current()).setParameter(2, clock.now().minus(config.bodyRetention()))
                .setParameter(3, BATCH).executeUpdate();
    }
}
