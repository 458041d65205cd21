package dev.torre.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.Timer;

import dev.torre.platform.event.EventLog;

/**
 * Where the runner's bookkeeping of a step goes — the step's outcome row, the run's new position, the run's end event:
 * straight to the tables ({@link #direct}), or gathered over a group of runs stepping in one transaction and written
 * with one statement of each kind ({@link #gathered}, then {@link #flush}), so that a group costs a constant number
 * of statements besides what its steps themselves write.
 */
class RunWrites {

    /** Where a run stands after its step. */
    record Save(UUID id, String status, String position, Instant wakeAt, String waitEvent, JsonNode waitMatch, String problem,
            int stepCount) {
    }

    /** A step outcome to write; {@code replacing} when it replaces the outcome of the step the run waited on. */
    record Step(UUID runId, StepView view, boolean replacing) {
    }

    /** An end-of-run event of a workflow. */
    record Ended(UUID workflowId, String action, Map<String, Object> payload) {
    }

    private final RunStore runs;
    private final EventLog events;
    private final Timer firstStepLag;
    private final boolean gather;
    private final List<Step> steps = new ArrayList<>();
    private final Map<UUID, Save> saves = new LinkedHashMap<>();
    private final List<Ended> ended = new ArrayList<>();
    private final List<java.time.Duration> firstSteps = new ArrayList<>();

    private RunWrites(RunStore runs, EventLog events, Timer firstStepLag, boolean gather) {
        this.runs = runs;
        this.events = events;
        this.firstStepLag = firstStepLag;
        this.gather = gather;
    }

    static RunWrites direct(RunStore runs, EventLog events, Timer firstStepLag) {
        return new RunWrites(runs, events, firstStepLag, false);
    }

    static RunWrites gathered(RunStore runs, EventLog events, Timer firstStepLag) {
        return new RunWrites(runs, events, firstStepLag, true);
    }

    /** A run's first step is done this long after its trigger; a gathered group counts it only once it is written. */
    void firstStep(java.time.Duration lag) {
        if (gather) {
            firstSteps.add(lag);
        } else {
            firstStepLag.record(lag);
        }
    }

    void step(UUID runId, StepView view, boolean replacing) {
        if (!gather) {
            if (replacing) {
                runs.replaceStep(runId, view);
            } else {
                runs.step(runId, view.n(), view);
            }
            return;
        }
        steps.add(new Step(runId, view, replacing));
    }

    void save(Save save) {
        if (!gather) {
            runs.save(save.id(), save.status(), save.position(), save.wakeAt(), save.waitEvent(), save.waitMatch(), save.problem(),
                    save.stepCount());
            return;
        }
        saves.put(save.id(), save); // a later position of the same run wins
    }

    void ended(UUID workflowId, String action, Map<String, Object> payload) {
        if (!gather) {
            events.append("workflow", workflowId, action, payload);
            return;
        }
        ended.add(new Ended(workflowId, action, payload));
    }

    /**
     * Writes what was gathered: the replaced outcomes' old rows deleted and every outcome inserted in one statement
     * each, every run's position in one, and the end events in one per workflow and kind, each written as its
     * workflow (its actor), which {@code actAs} makes the caller.
     */
    void flush(Consumer<UUID> actAs) {
        if (!gather) {
            return;
        }
        runs.writeSteps(steps);
        runs.saveAll(List.copyOf(saves.values()));
        Map<UUID, Map<String, List<Ended>>> byWorkflow = new LinkedHashMap<>();
        for (Ended e : ended) {
            byWorkflow.computeIfAbsent(e.workflowId(), k -> new LinkedHashMap<>()).computeIfAbsent(e.action(), k -> new ArrayList<>()).add(e);
        }
        byWorkflow.forEach((workflow, byAction) -> {
            actAs.accept(workflow);
            byAction.forEach((action, list) -> events.appendAll("workflow", action, list.stream().map(Ended::workflowId).toList(),
                    list.stream().map(Ended::payload).toList()));
        });
        // a group undone by a throwing step never gets here: its runs count when they go again one by one
        firstSteps.forEach(firstStepLag::record);
        steps.clear();
        saves.clear();
        ended.clear();
        firstSteps.clear();
    }
}
