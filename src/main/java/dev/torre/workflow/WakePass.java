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
import dev.torre.platform.time.Clock;

/**
 * Takes on the runs whose time has come: new ones and waits that are over. Each run is claimed in a transaction of
 * its own ({@code FOR UPDATE SKIP LOCKED}, re-checked as still due), advanced as its workflow's author, and committed
 * with its steps' writes; any number of instances may run this at once, and none runs a step another has run.
 */
@ApplicationScoped
class WakePass {

    private static final Logger LOG = Logger.getLogger(WakePass.class);

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

    /** One pass for the current tenant; answers how many runs it took further. */
    int run(String tenant) {
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> runs.due(Clock.now(), config.worker().wakeBatch()));
        int advanced = 0;
        for (UUID id : due) {
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
                    QuarkusTransaction.requiringNew().run(() -> runs.claim(id, Clock.now()).ifPresent(r -> {
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
            advanced += moved ? 1 : 0;
        }
        return advanced;
    }

    /** Claims the run and takes one step; null when another instance holds it or it is no longer due. */
    private Boolean stepOnce(String tenant, UUID id) {
        Optional<RunStore.Run> claimed = runs.claim(id, Clock.now());
        if (claimed.isEmpty()) {
            return null;
        }
        actAsAuthor(tenant, claimed.get());
        return runner.step(claimed.get());
    }

    private void actAsAuthor(String tenant, RunStore.Run run) {
        Workflow w = em.find(Workflow.class, run.workflowId());
        caller.actAs(tenant, "workflow:" + w.id, Set.copyOf(w.runRoles), w.runScopes == null ? null : Set.copyOf(w.runScopes));
    }
}
