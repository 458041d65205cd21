package dev.torre.transfer;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import dev.torre.platform.error.Failures;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;

/** Runs queued exports on any instance, as the caller who asked for them, page by page (see {@link ExportService}). */
@ApplicationScoped
public class ExportWorker {

    private static final Logger LOG = Logger.getLogger(ExportWorker.class);

    @Inject
    Tenants tenants;

    @Inject
    ExportService exports;

    @Inject
    Caller caller;

    @Scheduled(every = "${torre.transfer.worker.every:2s}", skipExecutionIf = ImportWorker.Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        tenants.forEach("exports", this::runAll);
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
        Optional<ExportService.Claim> claimed = exports.claim();
        if (claimed.isEmpty()) {
            return false;
        }
        ExportService.Claim job = claimed.get();
        caller.actAs(tenant, job.actor(), Set.copyOf(job.roles()), job.scopes() == null ? null : Set.copyOf(job.scopes()));
        caller.useRequestId(job.id().toString());
        try {
            while (exports.runPage(job.id())) {
                // one page per transaction
            }
        } catch (RuntimeException e) {
            TorreException known = Failures.known(e);
            if (known == null) {
                LOG.errorf(e, "Export %s failed", job.id());
            }
            exports.fail(job.id(), known == null ? "Unexpected error" : known.getMessage());
        }
        return true;
    }
}
