package dev.torre.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;

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
 * Deletes the usage of days older than {@code torre.usage.retention} (400 days by default). Runs hourly on every
 * instance, per tenant, in short transactions of {@value #BATCH} rows that skip rows another instance holds, and at
 * most {@value #MAX_BATCHES} batches per tenant and run, so a first run over years of usage stays bounded.
 */
@ApplicationScoped
public class UsageRetention {

    @Inject
    ServerClock clock;

    static final int BATCH = 1000;
    static final int MAX_BATCHES = 100;

    @Inject
    EntityManager em;

    @Inject
    UsageConfig config;

    @Inject
    Tenants tenants;

    @WorkerTick
    @Scheduled(every = "${torre.retention.every:1h}", delayed = "${torre.retention.delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        tenants.forEach("API usage retention", tenant -> purge());
    }

    /** Deletes the current tenant's expired usage, a batch per transaction; answers how many rows. */
    int purge() {
        LocalDate before = LocalDate.ofInstant(clock.now().minus(config.retention()), ZoneOffset.UTC);
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int done = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    delete from api_usage where tenant_id = ?1 and (day, client_id, family) in (
                        select day, client_id, family from api_usage where tenant_id = ?1 and day < ?2
                        limit ?3 for update skip locked)
                    """).setParameter(1, TenantContext.current()).setParameter(2, before).setParameter(3, BATCH).executeUpdate());
            total += done;
            if (done < BATCH) {
                break;
            }
        }
        return total;
    }
}
