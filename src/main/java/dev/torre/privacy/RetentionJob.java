package dev.torre.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.torre.platform.tenancy.TenantContext;
import io.quarkus.scheduler.Scheduled;

/** Applies every tenant's retention rules in bounded batches, hourly by default ({@code torre.retention.every}). */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    RetentionService retention;

    @Scheduled(every = "${torre.retention.every:1h}", delayed = "${torre.retention.delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (String tenant : retention.tenantsWithPolicies()) {
            try {
                TenantContext.callAs(tenant, retention::applyForCurrentTenant);
            } catch (RuntimeException e) {
                LOG.error("Retention failed for a tenant; the next run retries", e);
            }
        }
    }
}
