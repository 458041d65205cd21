package dev.torre.transfer;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;


import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;

/**
 * Runs queued imports, on any instance: a job is claimed with a lease ({@code SKIP LOCKED}), then written chunk by
 * chunk as the caller who uploaded it (their roles and scopes decide, as in a request of their own). A job whose
 * worker dies is taken over when its lease runs out and resumes at its first unwritten chunk.
 */
@ApplicationScoped
public class ImportWorker {


    @Inject
    Tenants tenants;

    @Inject
    ImportService imports;

    @Inject
    JobRunner runner;

    @WorkerTick
    @Scheduled(every = "${torre.transfer.worker.every:2s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        tenants.forEachDue("imports", this::runAll);
    }

    /** Skips the scheduled pass where the worker is turned off (tests drive {@link #run(String)} themselves). */
    // a bean, so that its config is injected: without it Quarkus makes the predicate itself, the field stays null and
    // every scheduled pass fails before it starts
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        TransferConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.worker().enabled();
        }
    }

    /** Runs every job the tenant has waiting; answers how many it ran. */
    public int run(String tenant) {
        return TenantContext.callAs(tenant, () -> runAll(tenant));
    }

    private int runAll(String tenant) {
        int ran = 0;
        while (runOne(tenant)) {
            ran++;
        }
        return ran;
    }

    /** Claims one job and runs it to its end (or until it is cancelled); false when there was none. */
    @ActivateRequestContext
    boolean runOne(String tenant) {
        return runner.run(tenant, "Import", imports.claim(), imports::runChunk, (id, known) -> imports.fail(id,
                "A chunk could not be written: " + (known == null ? "unexpected error" : known.getMessage())));
    }

    /** Claims a job and writes only its first chunk, leaving it running: what a worker that dies midway leaves behind (tests). */
    @ActivateRequestContext
    boolean runFirstChunkOnly(String tenant) {
        return TenantContext.callAs(tenant, () -> {
            Optional<JobRunner.Claim> claimed = imports.claim();
            claimed.ifPresent(job -> {
                runner.actAs(tenant, job);
                imports.runChunk(job.id());
            });
            return claimed.isPresent();
        });
    }
}
