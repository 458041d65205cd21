package dev.torre.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * Trains a tenant's predictive models in background jobs and keeps their outcomes: a ready model with holdout
 * metrics, or "insufficient data" with the counts. Kinds: lead conversion (contacts), deal win (closed deals) and
 * churn (customers); a ready deal_win or churn model re-predicts all of its records at once.
 */
@ApplicationScoped
public class ScoringModelService {

    @Inject
    ServerClock clock;

    static final Set<String> KINDS = Set.of(LeadScoreService.KIND, DealWin.KIND, ChurnRisk.KIND);
    private static final Logger LOG = Logger.getLogger(ScoringModelService.class);
    private static final int MAX_ITERATIONS = 500;

    @Inject
    EntityManager em;

    @Inject
    TrainingJobService jobs;

    @Inject
    ScoringSettingsService settings;

    @Inject
    ScoringConfig config;

    @Inject
    EventLog events;

    @Inject
    PredictionService predictions;

    @Inject
    DealWin dealWin;

    @Inject
    ChurnRisk churn;

    @Inject
    DerivedValues derived;

    /** The kinds whose predictions are kept per record; lead conversion blends into the lead score instead. */
    List<Predicted> perRecord() {
        return List.of(dealWin, churn);
    }

    Optional<Predicted> predicted(String kind) {
        return perRecord().stream().filter(p -> p.store().kind().equals(kind)).findFirst();
    }

    @Transactional
    @RequiresScope("scoring:write")
    public TrainingJobView train(String kind) {
        checkKind(kind);
        settings.current();
        return TrainingJobView.of(jobs.queue(kind, clock.now()));
    }

    @RequiresScope("scoring:read")
    public TrainingJobView job(UUID id) {
        return TrainingJobView.of(jobs.find(id));
    }

    /** The kind's latest model; the coefficient, mean and spread of a feature derived from what the caller may not see are left out. */
    @RequiresScope("scoring:read")
    public ScoringModelView latest(String kind) {
        checkKind(kind);
        DerivedValues.Sight sight = derived.sight();
        return em.createQuery("from ScoringModel where kind = ?1 order by modelVersion desc", ScoringModel.class)
                .setParameter(1, kind).setMaxResults(1).getResultStream().findFirst()
                .map(m -> ScoringModelView.of(m, sight.visible(sources(kind), m.features, f -> (String) f.get("name"))))
                .orElseThrow(() -> TorreException.notFound("A " + kind + " model (none trained yet)"));
    }

    /** What the features of a kind's model are computed from. */
    List<FeatureSource> sources(String kind) {
        return predicted(kind).map(Predicted::sources).orElse(Features.SOURCES);
    }

    /**
     * The schedule: queues a training of each kind whose latest model is older than the retraining interval (or
     * missing), unless one is already queued or running; answers how many it queued.
     */
    @ActivateRequestContext
    public int queueDue(String tenant, Instant now) {
        return TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> {
            int queued = 0;
            for (String kind : KINDS) {
                List<Instant> last = em.createQuery("select max(trainedAt) from ScoringModel where kind = ?1", Instant.class)
                        .setParameter(1, kind).getResultList();
                Instant trainedAt = last.isEmpty() ? null : last.getFirst();
                boolean due = trainedAt == null || trainedAt.isBefore(now.minus(config.training().retrainAfter()));
                boolean active = !em.createQuery("from TrainingJob where kind = ?1 and status in ('queued', 'running')",
                        TrainingJob.class).setParameter(1, kind).getResultList().isEmpty();
                if (due && !active) {
                    settings.current();
                    jobs.queue(kind, now);
                    queued++;
                }
            }
            return queued;
        }));
    }

    /** Runs the tenant's oldest queued job, if there is one; answers whether it ran one. */
    @ActivateRequestContext
    public boolean runQueued(String tenant) {
        return TenantContext.callAs(tenant, () -> {
            Instant now = clock.now();
            Optional<TrainingJob> job = jobs.claim(now);
            job.ifPresent(j -> run(j.id, j.kind, now));
            return job.isPresent();
        });
    }

    private void run(UUID jobId, String kind, Instant now) {
        try {
            jobs.progress(jobId, "collecting examples", 10);
            ScoringConfig.Training t = config.training();
            record Loaded(ScoringSettings settings, TrainingSet set) {
            }
            Loaded loaded = QuarkusTransaction.requiringNew().timeout(ScoringWorker.LONG_TRANSACTION_SECONDS).call(() -> {
                ScoringSettings s = settings.current();
                String tenant = TenantContext.current();
                TrainingSet set = predicted(kind)
                        .map(p -> p.trainingSet(em, tenant, s, now, t))
                        .orElseGet(() -> TrainingSet.load(em, tenant, s.labelWindowDays, now, 1 - t.holdout(),
                                t.minSupport(), t.maxFeatures()));
                return new Loaded(s, set);
            });
            TrainingSet set = loaded.set();
            LOG.infof("Training %s: %d examples, %d features loaded in %d ms", kind, set.size(), set.featureNames().size(),
                    java.time.Duration.between(now, clock.now()).toMillis());
            ScoringSettings s = loaded.settings();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("examples", set.size());
            metrics.put("positives", set.positives());
            metrics.put("negatives", set.negatives());
            labelWindow(kind, s).ifPresent(days -> metrics.put("labelWindowDays", days));
            if (set.positives() < s.minPositives || set.negatives() < s.minNegatives) {
                metrics.put("minPositives", s.minPositives);
                metrics.put("minNegatives", s.minNegatives);
                UUID model = save(kind, "insufficient_data", null, List.of(), metrics, now);
                jobs.finish(jobId, "insufficient_data", model, "Needs at least " + s.minPositives + " positive and "
                        + s.minNegatives + " negative examples; found " + set.positives() + " and " + set.negatives(), now);
                return;
            }
            jobs.progress(jobId, "fitting", 40);
            int trainRows = (int) Math.round(set.size() * (1 - t.holdout()));
            LogisticRegression.Data data = set.data();
            LogisticRegression.Scale scale = LogisticRegression.scale(data, 0, trainRows);
            LogisticRegression.Fit fit = LogisticRegression.fit(data, 0, trainRows, scale, t.l2(), MAX_ITERATIONS);
            jobs.progress(jobId, "evaluating", 80);
            LOG.infof("Training %s: fitted in %d iterations, %d ms since the start", kind, fit.iterations(),
                    java.time.Duration.between(now, clock.now()).toMillis());
            metrics.putAll(holdoutMetrics(data, trainRows, scale, fit));
            LOG.infof("Training %s: holdout AUC %s, log loss %s", kind, metrics.get("auc"), metrics.get("logLoss"));
            metrics.put("features", set.featureNames().size());
            metrics.put("l2", t.l2());
            metrics.put("iterations", fit.iterations());
            metrics.put("converged", fit.converged());
            List<Map<String, Object>> features = new ArrayList<>();
            for (int j = 0; j < data.columns(); j++) {
                if (scale.sd()[j] > 0) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("name", set.featureNames().get(j));
                    f.put("coefficient", fit.coefficients()[j]);
                    f.put("mean", scale.mean()[j]);
                    f.put("sd", scale.sd()[j]);
                    features.add(f);
                }
            }
            features.sort(Comparator.comparingDouble(f -> -Math.abs((Double) f.get("coefficient"))));
            UUID model = save(kind, "ready", fit.intercept(), features, metrics, now);
            Optional<Predicted> perRecord = predicted(kind);
            if (perRecord.isPresent()) {
                jobs.progress(jobId, "predicting with the new " + kind + " model", 90);
                predictions.predictAll(perRecord.get(),
                        QuarkusTransaction.requiringNew().call(() -> LinearModel.of(em.find(ScoringModel.class, model))), now);
            }
            jobs.finish(jobId, "succeeded", model, null, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Training job %s failed", jobId);
            jobs.finish(jobId, "failed", null, "Training failed; the server log has the cause (job " + jobId + ")", now);
        }
    }

    /** The window the kind's label looks ahead, in days, where it has one. */
    private static Optional<Integer> labelWindow(String kind, ScoringSettings s) {
        return switch (kind) {
            case LeadScoreService.KIND -> Optional.of(s.labelWindowDays);
            case ChurnRisk.KIND -> Optional.of(s.churnWindowDays);
            default -> Optional.empty();
        };
    }

    private static Map<String, Object> holdoutMetrics(LogisticRegression.Data data, int trainRows,
            LogisticRegression.Scale scale, LogisticRegression.Fit fit) {
        int n = data.rows() - trainRows;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        int trainPositives = 0;
        for (int i = 0; i < trainRows; i++) {
            trainPositives += data.label()[i] ? 1 : 0;
        }
        int holdoutPositives = 0;
        for (int i = 0; i < n; i++) {
            p[i] = LogisticRegression.sigmoid(LogisticRegression.logit(data, trainRows + i, scale, fit));
            y[i] = data.label()[trainRows + i];
            holdoutPositives += y[i] ? 1 : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainExamples", trainRows);
        m.put("holdoutExamples", n);
        m.put("classBalance", Map.of(
                "train", Map.of("positives", trainPositives, "negatives", trainRows - trainPositives),
                "holdout", Map.of("positives", holdoutPositives, "negatives", n - holdoutPositives)));
        Double auc = n == 0 ? null : Metrics.auc(p, y);
        m.put("auc", auc == null ? null : Metrics.round(auc));
        m.put("logLoss", n == 0 ? null : Metrics.round(Metrics.logLoss(p, y)));
        m.put("calibration", Metrics.calibration(p, y));
        return m;
    }

    /** Stores a training outcome as the kind's next version, with its event (which makes the worker rescore). */
    private UUID save(String kind, String status, Double intercept, List<Map<String, Object>> features,
            Map<String, Object> metrics, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Integer last = em.createQuery("select max(modelVersion) from ScoringModel where kind = ?1", Integer.class)
                    .setParameter(1, kind).getSingleResult();
            ScoringModel m = new ScoringModel();
            m.kind = kind;
            m.modelVersion = last == null ? 1 : last + 1;
            m.status = status;
            m.intercept = intercept;
            m.features = features;
            m.metrics = metrics;
            m.trainedAt = now;
            em.persist(m);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("kind", kind);
            payload.put("modelVersion", m.modelVersion);
            payload.put("status", status);
            events.append("scoring_model", m.id, "trained", payload);
            return m.id;
        });
    }

    private static void checkKind(String kind) {
        if (!KINDS.contains(kind)) {
            throw new TorreException(ErrorCode.NOT_FOUND, "No model kind '" + kind + "'; the kinds are " + KINDS,
                    List.of(new FieldError("kind", "unknown", "Use one of " + KINDS)));
        }
    }
}
