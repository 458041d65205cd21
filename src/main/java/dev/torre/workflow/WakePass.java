package dev.torre.workflow;

import java.time.Instant;
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

    /** One pass for the current tenant; answers how many runs it advanced. */
    int run(String tenant) {
        Instant now = Clock.now();
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> runs.due(now, config.worker().wakeBatch()));
        int advanced = 0;
        for (UUID id : due) {
            try {
                advanced += QuarkusTransaction.requiringNew().call(() -> advance(tenant, id, now));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Workflow run %s failed unexpectedly; it is marked failed", id);
                QuarkusTransaction.requiringNew().run(() -> runs.claim(id, now).ifPresent(r -> runs.save(r.id(), "failed", r.position(),
                        null, null, null, "internal: " + e.getClass().getSimpleName(), r.stepCount())));
            }
        }
        return advanced;
    }

    private int advance(String tenant, UUID id, Instant now) {
        Optional<RunStore.Run> claimed = runs.claim(id, now);
        if (claimed.isEmpty()) {
            return 0;
        }
        Workflow w = em.find(Workflow.class, claimed.get().workflowId());
        caller.actAs(tenant, "workflow:" + w.id, Set.copyOf(w.runRoles), w.runScopes == null ? null : Set.copyOf(w.runScopes));
        runner.advance(claimed.get());
        return 1;
    }
}
