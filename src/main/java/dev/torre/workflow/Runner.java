package dev.torre.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.error.Failures;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * Takes a run through its definition version's steps, one step per call inside the caller's transaction: a step's
 * writes and the run's new position commit together, so a step never runs twice and a crash leaves the run where it
 * was. A run's position is the JSON pointer of its next step ({@code /2/then/0}). Also the dry run, which follows the
 * same steps writing nothing.
 */
@ApplicationScoped
class Runner {

    @Inject
    ServerClock clock;

    private static final int CACHED_DEFINITIONS = 1000;
    private final java.util.Map<String, JsonNode> definitions = new java.util.concurrent.ConcurrentHashMap<>();


    @Inject
    Steps steps;

    @Inject
    RunStore runs;

    @Inject
    EventLog events;

    @Inject
    EntityManager em;

    @Inject
    WorkflowConfig config;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** Trigger to first step: from what enrolled a run (its event, slot or date) to its first step's outcome. */
    private io.micrometer.core.instrument.Timer firstStepLag;

    @jakarta.annotation.PostConstruct
    void meters() {
        firstStepLag = io.micrometer.core.instrument.Timer.builder("torre.workflow.first_step.lag")
                .description("Time from a workflow's trigger (event, schedule slot or date) to its run's first step")
                .publishPercentileHistogram().register(registry);
    }

    /** The steps of a workflow's definition version. */
    JsonNode stepsOf(UUID workflowId, int version) {
        // a definition version never changes once written, so every run on it may share one parsed copy
        String key = TenantContext.current() + "/" + workflowId + "/" + version;
        JsonNode cached = definitions.get(key);
        if (cached != null) {
            return cached;
        }
        if (definitions.size() >= CACHED_DEFINITIONS) {
            definitions.clear();
        }
        JsonNode read = readSteps(workflowId, version);
        definitions.put(key, read);
        return read;
    }

    private JsonNode readSteps(UUID workflowId, int version) {
        return Sql.query(em, SqlFragment.of("select cast(steps as text) from workflow_version where tenant_id = ? and workflow_id = ?"
                + " and number = ?", TenantContext.current(), workflowId, version), r -> r.getString(1)).stream().findFirst()
                .map(RunJson::read).orElseThrow();
    }

    /**
     * Takes the run one step further, in the caller's transaction: a waiting run resumed here first ends its wait
     * step (its time came, or the event it waited for arrived), or retries the step that made it wait (a message in
     * quiet hours or over its cap). Answers whether the run goes on at once. A service refusing the step throws, so
     * that the step's writes roll back whole; {@link #fail} then records it.
     */
    boolean step(RunStore.Run run) {
        return step(run, RunWrites.direct(runs, events, firstStepLag));
    }

    /** Bookkeeping gathered over a group of runs stepping in one transaction, written by its {@code flush}. */
    RunWrites gathered() {
        return RunWrites.gathered(runs, events, firstStepLag);
    }

    /** As {@link #step(RunStore.Run)}, the bookkeeping of the step going to {@code writes} (gathered for a group). */
    boolean step(RunStore.Run run, RunWrites writes) {
        JsonNode root = stepsOf(run.workflowId(), run.version());
        String position = run.position();
        int n = run.stepCount();
        if (position == null || at(root, position).isMissingNode()) {
            finish(run, "completed", null, null, n, writes);
            return false;
        }
        JsonNode step = at(root, position);
        // a step that made the run wait keeps one outcome: the waiting one is replaced by how it ended
        boolean resuming = "waiting".equals(run.status()) && n > 0;
        if (resuming && "wait".equals(step.path("type").asText())) {
            boolean arrived = run.waitMatch() != null && run.waitMatch().has("eventId");
            String reason = !step.has("untilEvent") ? "elapsed" : arrived ? "event_arrived" : "timed_out";
            writes.step(run.id(), new StepView(n, position, "wait", "completed", reason,
                    arrived ? Map.of("eventId", run.waitMatch().path("eventId").asText()) : null, clock.now(), null), true);
            return moveOn(run, next(root, position), n, writes);
        }
        Ctx ctx = new Ctx(run.workflowId(), run.id(), run.recordType(), run.recordId(), run.startedAt(), position, false);
        Outcome o = steps.run(step, ctx);
        StepView outcome = new StepView(resuming ? n : ++n, position, step.path("type").asText(), o.outcome(), o.reason(), o.detail(),
                clock.now(), o.until());
        writes.step(run.id(), outcome, resuming);
        if (n == 1 && !resuming) {
            writes.firstStep(java.time.Duration.between(run.triggeredAt(), outcome.at()));
        }
        return switch (o.flow()) {
            case WAIT -> {
                writes.save(new RunWrites.Save(run.id(), "waiting", position, o.until(), o.waitEvent(), o.waitMatch(), null, n));
                yield false;
            }
            case FAIL -> {
                finish(run, "failed", position, problem(o), n, writes);
                yield false;
            }
            case EXIT -> {
                finish(run, "exited", null, null, n, writes);
                yield false;
            }
            case THEN, ELSE -> moveOn(run, enter(root, position, o.flow() == Outcome.Flow.THEN ? "then" : "else"), n, writes);
            default -> moveOn(run, next(root, position), n, writes);
        };
    }

    private boolean moveOn(RunStore.Run run, String position, int n, RunWrites writes) {
        if (position == null) {
            finish(run, "completed", null, null, n, writes);
            return false;
        }
        writes.save(new RunWrites.Save(run.id(), "running", position, clock.now(), null, null, null, n));
        return true;
    }

    /** Records the step at the run's position as failed, with the problem it was refused with, and ends the run. */
    void fail(RunStore.Run run, RuntimeException e) {
        JsonNode root = stepsOf(run.workflowId(), run.version());
        String type = run.position() == null ? "" : at(root, run.position()).path("type").asText();
        Outcome o = Steps.failure(Failures.known(e));
        boolean resuming = "waiting".equals(run.status()) && run.stepCount() > 0;
        int n = resuming ? run.stepCount() : run.stepCount() + 1;
        StepView failed = new StepView(n, run.position() == null ? "" : run.position(), type, o.outcome(), o.reason(), o.detail(),
                clock.now(), null);
        RunWrites writes = RunWrites.direct(runs, events, firstStepLag);
        writes.step(run.id(), failed, resuming);
        if (n == 1 && !resuming) {
            writes.firstStep(java.time.Duration.between(run.triggeredAt(), failed.at()));
        }
        finish(run, "failed", run.position(), problem(o), n, writes);
    }

    private static String problem(Outcome o) {
        Object problem = o.detail() == null ? null : o.detail().get("problem");
        return problem == null ? o.reason() : o.reason() + ": " + problem;
    }

    private void finish(RunStore.Run run, String status, String position, String problem, int n, RunWrites writes) {
        writes.save(new RunWrites.Save(run.id(), status, position, null, null, null, problem, n));
        writes.ended(run.workflowId(), "run_" + ("exited".equals(status) ? "completed" : status),
                Map.of("runId", run.id().toString(), "recordType", run.recordType(), "recordId", run.recordId().toString(),
                        "status", status));
    }

    /** What each step would do for the record now, following branches as they would go, writing nothing. */
    DryRunView dryRun(Workflow w, String recordType, UUID recordId) {
        JsonNode root = w.steps;
        List<StepView> out = new ArrayList<>();
        Instant now = clock.now();
        Ctx ctx = new Ctx(w.id, null, recordType, recordId, now, "/0", true);
        String position = root.isEmpty() ? null : "/0";
        while (position != null && out.size() < config.maxStepsPerPass()) {
            JsonNode step = at(root, position);
            Outcome o = steps.run(step, ctx.at(position));
            out.add(new StepView(out.size() + 1, position, step.path("type").asText(), o.outcome(), o.reason(), o.detail(), now, o.until()));
            position = switch (o.flow()) {
                case FAIL, EXIT -> null;
                case THEN, ELSE -> enter(root, position, o.flow() == Outcome.Flow.THEN ? "then" : "else");
                default -> next(root, position);
            };
        }
        return new DryRunView(w.id, w.definitionVersion, recordType, recordId, out);
    }

    static JsonNode at(JsonNode root, String pointer) {
        return root.at(JsonPointer.compile(pointer));
    }

    /** The first step of a branch's arm, or the step after the branch when the arm is empty. */
    static String enter(JsonNode root, String pointer, String arm) {
        JsonNode list = at(root, pointer).path(arm);
        return list.isArray() && !list.isEmpty() ? pointer + "/" + arm + "/0" : next(root, pointer);
    }

    /** The step after this one: its next sibling, or the step after the branch whose arm ends here; null at the end. */
    static String next(JsonNode root, String pointer) {
        int cut = pointer.lastIndexOf('/');
        String list = pointer.substring(0, cut);
        int index = Integer.parseInt(pointer.substring(cut + 1)) + 1;
        JsonNode siblings = list.isEmpty() ? root : at(root, list);
        if (index < siblings.size()) {
            return list + "/" + index;
        }
        if (list.isEmpty()) {
            return null;
        }
        return next(root, list.substring(0, list.lastIndexOf('/')));
    }
}
