package dev.torre.workflow;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * Takes on the runs whose time has come: new ones and waits that are over. Runs are claimed in groups
 * ({@code FOR UPDATE SKIP LOCKED}, re-checked as still due), advanced as their workflows' authors, and committed
 * with their steps' writes; any number of instances may run this at once, and none runs a step another has run.
 */
@ApplicationScoped
class WakePass {

    @Inject
    ServerClock clock;

    private static final Logger LOG = Logger.getLogger(WakePass.class);
    /** Daemon threads shared by every pass; a pass never uses more than its configured number at once. */
    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "workflow-wake");
        t.setDaemon(true);
        return t;
    });

    @Inject
    RunStore runs;

    @Inject
    Runner runner;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    WorkflowConfig config;

    /**
     * One pass for the current tenant; answers how many runs it took further. The due runs are shared among
     * {@code torre.workflows.worker.wake-threads} threads: each run is its own claim and transaction, so they may
     * go at once, and a pass bound by database round trips goes that many times faster.
     */
    int run(String tenant) {
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> runs.due(clock.now(), config.worker().wakeBatch()));
        int size = Math.max(1, config.worker().wakeGroup());
        List<List<UUID>> groups = new java.util.ArrayList<>();
        for (int i = 0; i < due.size(); i += size) {
            groups.add(due.subList(i, Math.min(due.size(), i + size)));
        }
        int threads = Math.min(config.worker().wakeThreads(), groups.size());
        if (threads <= 1) {
            int advanced = 0;
            for (List<UUID> group : groups) {
                advanced += advance(tenant, group);
            }
            return advanced;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger advanced = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(POOL.submit(() -> {
                var requests = io.quarkus.arc.Arc.container().requestContext();
                requests.activate();
                try {
                    TenantContext.callAs(tenant, () -> {
                        for (int i; (i = next.getAndIncrement()) < groups.size();) {
                            advanced.addAndGet(advance(tenant, groups.get(i)));
                        }
                        return null;
                    });
                } finally {
                    requests.terminate();
                }
            }));
        }
        for (java.util.concurrent.Future<?> w : workers) {
            try {
                w.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("A wake thread failed", e.getCause());
            }
        }
        return advanced.get();
    }

    /**
     * Takes a group of due runs further; answers how many moved. Their next steps run in one transaction (one claim,
     * one commit, the workflow read once), the common case of many runs each due for one step; a run with more to do
     * then goes on alone. A step that throws undoes the whole group, whose runs then go one by one, each failure
     * recorded on its own run.
     */
    private int advance(String tenant, List<UUID> group) {
        if (group.size() == 1) {
            return advance(tenant, group.getFirst()) ? 1 : 0;
        }
        java.util.Map<UUID, Boolean> stepped;
        try {
            stepped = QuarkusTransaction.requiringNew().call(() -> {
                java.util.Map<UUID, Boolean> more = new java.util.LinkedHashMap<>();
                // the group's outcome rows, positions and end events are written once for all, after its steps
                RunWrites writes = runner.gathered();
                for (RunStore.Run run : runs.claimAll(group, clock.now())) {
                    actAsAuthor(tenant, run);
                    more.put(run.id(), runner.step(run, writes));
                }
                writes.flush(workflow -> actAsAuthor(tenant, workflow));
                return more;
            });
        } catch (RuntimeException e) {
            int advanced = 0;
            for (UUID id : group) {
                advanced += advance(tenant, id) ? 1 : 0;
            }
            return advanced;
        }
        stepped.forEach((id, more) -> {
            if (more) {
                advance(tenant, id);
            }
        });
        return stepped.size();
    }

    /** Takes one run as far as it goes now; answers whether it moved. */
    private boolean advance(String tenant, UUID id) {
        {
            boolean moved = false;
            // one step per transaction: a step's writes and the run's new position commit together, or neither does
            for (int steps = 0; steps < config.maxStepsPerPass(); steps++) {
                Boolean more;
                try {
                    more = QuarkusTransaction.requiringNew().call(() -> stepOnce(tenant, id));
                } catch (RuntimeException e) {
                    if (dev.torre.platform.error.Failures.known(e) == null) {
                        LOG.warnf(e, "Workflow run %s failed unexpectedly; it is marked failed", id);
                    }
                    QuarkusTransaction.requiringNew().run(() -> runs.claim(id, clock.now()).ifPresent(r -> {
                        actAsAuthor(tenant, r);
                        runner.fail(r, e);
                    }));
                    more = false;
                    moved = true;
                }
                if (more == null) {
                    break;
                }
                moved = true;
                if (!more) {
                    break;
                }
            }
            return moved;
        }
    }

    /** Claims the run and takes one step; null when another instance holds it or it is no longer due. */
    private Boolean stepOnce(String tenant, UUID id) {
        Optional<RunStore.Run> claimed = runs.claim(id, clock.now());
        if (claimed.isEmpty()) {
            return null;
        }
        actAsAuthor(tenant, claimed.get());
        return runner.step(claimed.get());
    }

    private void actAsAuthor(String tenant, RunStore.Run run) {
        actAsAuthor(tenant, run.workflowId());
    }

    private void actAsAuthor(String tenant, UUID workflowId) {
        Workflow w = em.find(Workflow.class, workflowId);
        caller.actAs(tenant, "workflow:" + w.id, Set.copyOf(w.runRoles), w.runScopes == null ? null : Set.copyOf(w.runScopes));
    }
}
