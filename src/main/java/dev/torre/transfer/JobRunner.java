package dev.torre.transfer;

import dev.torre.platform.time.ServerClock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.torre.platform.error.Failures;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.tenancy.Caller;

/**
 * What the import and export workers share: a claimed job runs as the person who asked for it, one step (one
 * transaction) at a time until a step says it is done, and a step that fails ends the job as failed.
 */
@ApplicationScoped
class JobRunner {

    @Inject
    ServerClock clock;

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    /** A claimed job: what a worker needs to act as its requester. */
    record Claim(UUID id, String actor, List<String> roles, List<String> scopes) {
    }

    @Inject
    Caller caller;

    @Inject
    jakarta.persistence.EntityManager em;

    /**
     * Takes the oldest queued job of the current tenant from this job table, or a running one whose worker stopped
     * renewing its lease, in a transaction of its own: marks it running, leased for {@code lease} from now.
     */
    Optional<Claim> claim(String table, java.time.Duration lease) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            java.time.Instant now = clock.now();
            String tenant = dev.torre.platform.tenancy.TenantContext.current();
            List<Claim> claimed = dev.torre.platform.persistence.Sql.query(em, dev.torre.platform.query.SqlFragment.of("""
                    update %1$s j set status = 'running', started_at = coalesce(j.started_at, ?), lease_until = ?,
                      version = j.version + 1, updated_at = ?
                    where j.tenant_id = ? and j.id = (
                      select id from %1$s where tenant_id = ? and (status = 'queued' or (status = 'running' and lease_until < ?))
                      order by created_at limit 1 for no key update skip locked)
                    returning j.id, j.actor, j.roles, j.scopes
                    """.formatted(table), now, now.plus(lease), now, tenant, tenant, now),
                    r -> new Claim(dev.torre.platform.persistence.Sql.uuid(r, 1), r.getString(2), texts(r.getArray(3)),
                            r.getArray(4) == null ? null : texts(r.getArray(4))));
            return claimed.stream().findFirst();
        });
    }

    private static List<String> texts(java.sql.Array array) throws java.sql.SQLException {
        return List.of((String[]) array.getArray());
    }

    /** Acts as the job's requester for the rest of the worker's request context. */
    void actAs(String tenant, Claim job) {
        caller.actAs(tenant, job.actor(), Set.copyOf(job.roles()), job.scopes() == null ? null : Set.copyOf(job.scopes()));
    }

    /**
     * Runs the claimed job, if any, to its end; answers whether there was one. {@code fail} gets the known problem of
     * a failed step, or null for an unexpected one (which is logged here). A database out of reach is no failure of
     * the job: it is thrown on, and the job is taken up again when its lease runs out.
     */
    boolean run(String tenant, String kind, Optional<Claim> claimed, Predicate<UUID> step, BiConsumer<UUID, TorreException> fail) {
        if (claimed.isEmpty()) {
            return false;
        }
        Claim job = claimed.get();
        actAs(tenant, job);
        caller.useRequestId(job.id().toString());
        try {
            while (step.test(job.id())) {
                // one step per transaction
            }
        } catch (RuntimeException e) {
            if (Failures.unreachable(e)) {
                // not the job's fault: it stays claimed, and is taken up again when its lease runs out
                throw e;
            }
            TorreException known = Failures.known(e);
            if (known == null) {
                LOG.errorf(e, "%s %s failed", kind, job.id());
            }
            fail.accept(job.id(), known);
        }
        return true;
    }
}
