package dev.torre.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.Tenants;
import io.quarkus.scheduler.Scheduled;

/** Applies every tenant's retention rules in bounded batches, hourly by default ({@code torre.retention.every}). */
@ApplicationScoped
public class RetentionJob {

    @Inject
    RetentionService retention;

    @Inject
    Tenants tenants;

    @WorkerTick
    @Scheduled(every = "${torre.retention.every:1h}", delayed = "${torre.retention.delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        tenants.forEach("Retention", tenant -> {
            retention.applyForCurrentTenant();
            return 0;
        });
    }
}
