package dev.torre.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.persistence.Writes;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;

/** The only writer of training jobs: queues them (one active per kind), claims them for a worker, records progress. */
@ApplicationScoped
public class TrainingJobService {

    @Inject
    EntityManager em;

    @Inject
    ScoringConfig config;

    /** Queues a job; 409 naming the active one when a job of the kind is queued or running (a lost one is failed first). */
    @Transactional(Transactional.TxType.MANDATORY)
    TrainingJob queue(String kind, Instant now) {
        List<TrainingJob> active = em.createQuery("from TrainingJob where kind = ?1 and status in ('queued', 'running')",
                TrainingJob.class).setParameter(1, kind).getResultList();
        for (TrainingJob j : active) {
            if (j.updatedAt.isAfter(now.minus(config.worker().jobTimeout()))) {
                String message = "A " + kind + " training job is already " + j.status + ": /v1/scoring/jobs/" + j.id;
                throw new TorreException(ErrorCode.CONFLICT, message,
                        List.of(new FieldError("job", j.status, j.id.toString())),
                        Map.of("Location", "/v1/scoring/jobs/" + j.id));
            }
            j.status = "failed";
            j.detail = "No progress for " + config.worker().jobTimeout().toMinutes() + " minutes; the worker was lost";
            j.finishedAt = now;
        }
        TrainingJob job = new TrainingJob();
        job.kind = kind;
        job.status = "queued";
        job.phase = "queued";
        em.persist(job);
        Writes.flush(em, Map.of("scoring_job_active_uq", "kind"));
        return job;
    }

    TrainingJob find(UUID id) {
        return Records.find(em, TrainingJob.class, id, "Training job");
    }

    /** Takes the tenant's oldest queued job for this worker, skipping one another worker holds. */
    Optional<TrainingJob> claim(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> ids = Sql.query(em, SqlFragment.of("""
                    select id from scoring_job where tenant_id = ? and status = 'queued'
                    order by created_at limit 1 for update skip locked
                    """, TenantContext.current()), r -> Sql.uuid(r, 1));
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            TrainingJob job = em.find(TrainingJob.class, ids.getFirst());
            job.status = "running";
            job.phase = "starting";
            job.startedAt = now;
            return Optional.of(job);
        });
    }

    /** Records progress in a transaction of its own, so that readers see it while the job runs. */
    void progress(UUID id, String phase, int percent) {
        QuarkusTransaction.requiringNew().run(() -> {
            TrainingJob job = em.find(TrainingJob.class, id);
            job.phase = phase;
            job.progress = percent;
        });
    }

    void finish(UUID id, String status, UUID modelId, String detail, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            TrainingJob job = em.find(TrainingJob.class, id);
            job.status = status;
            job.phase = "done";
            job.progress = 100;
            job.modelId = modelId;
            job.detail = detail;
            job.finishedAt = now;
        });
    }
}
