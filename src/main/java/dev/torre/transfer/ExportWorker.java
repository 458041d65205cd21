package dev.torre.transfer;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;


import io.quarkus.scheduler.Scheduled;

import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;

/** Runs queued exports on any instance, as the caller who asked for them, page by page (see {@link ExportService}). */
@ApplicationScoped
public class ExportWorker {


    @Inject
    Tenants tenants;

    @Inject
    ExportService exports;

    @Inject
    JobRunner runner;

    @WorkerTick
    @Scheduled(every = "${torre.transfer.worker.every:2s}", skipExecutionIf = ImportWorker.Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        tenants.forEachDue("exports", this::runAll);
    }

    /** Runs every export the tenant has waiting; answers how many it ran. */
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

    @ActivateRequestContext
    boolean runOne(String tenant) {
        return runner.run(tenant, "Export", exports.claim(), exports::runPage,
                (id, known) -> exports.fail(id, known == null ? "Unexpected error" : known.getMessage()));
    }
}
