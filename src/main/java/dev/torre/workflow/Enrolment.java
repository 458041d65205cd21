package dev.torre.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.torre.platform.event.EventLog;
import dev.torre.platform.time.ServerClock;

/**
 * Starts runs. A run is keyed by what enrolled it ({@code trigger_key}: an event id, a schedule slot, a date), unique
 * per workflow, so a replayed event never enrols twice; a record already enrolled once is enrolled again only when
 * the workflow allows re-enrolment; a record that has started too many runs within the hour is cut off (a runaway
 * guard: the run is kept, status {@code cut_off}, and does nothing). New runs are taken on by the wake pass.
 * A batch of enrolments costs three statements whatever its size: the records' earlier runs read at once, the runs
 * inserted at once, their {@code workflow.run_started} events appended at once.
 */
@ApplicationScoped
class Enrolment {

    @Inject
    ServerClock clock;

    private static final Logger LOG = Logger.getLogger(Enrolment.class);

    @Inject
    RunStore runs;

    @Inject
    EventLog events;

    @Inject
    WorkflowConfig config;

    /** A workflow as enrolment needs it. */
    record Target(UUID id, int version, boolean enabled, boolean reenrollment) {

        static Target of(Workflow w) {
            return new Target(w.id, w.definitionVersion, w.enabled, w.reenrollment);
        }
    }

    /** One enrolment to consider: the workflow, the record, and what enrols it. */
    record Candidate(Target workflow, String recordType, UUID recordId, String triggerKey, Instant triggeredAt) {

        /** A candidate whose trigger has no time of its own (a catch-up): the enrolment's time stands for it. */
        Candidate(Target workflow, String recordType, UUID recordId, String triggerKey) {
            this(workflow, recordType, recordId, triggerKey, null);
        }
    }

    /**
     * Enrols each candidate, in order, unless a rule says no — as if one at a time: a record enrolled by an earlier
     * candidate counts as enrolled for the later ones, and each run started counts towards the record's hourly rate.
     * Answers the new runs.
     */
    List<UUID> enrolAll(List<Candidate> candidates) {
        Map<String, Candidate> unique = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.workflow().enabled() && RecordTypes.type(c.recordType()) != null) {
                unique.putIfAbsent(c.workflow().id() + " " + c.triggerKey(), c);
            }
        }
        if (unique.isEmpty()) {
            return List.of();
        }
        UUID[] records = unique.values().stream().map(Candidate::recordId).distinct().toArray(UUID[]::new);
        UUID[] workflows = unique.values().stream().map(c -> c.workflow().id()).distinct().toArray(UUID[]::new);
        Map<UUID, RunStore.Earlier> earlier = runs.earlier(records, workflows, clock.now().minus(Duration.ofHours(1)));
        Map<UUID, Long> started = new HashMap<>();
        Set<String> enrolled = new HashSet<>();
        earlier.forEach((record, e) -> {
            started.put(record, e.startedSince());
            e.workflows().forEach(w -> enrolled.add(w + " " + record));
        });
        List<RunStore.NewRun> rows = new ArrayList<>();
        long max = config.maxRunsPerRecordPerHour();
        for (Candidate c : unique.values()) {
            String pair = c.workflow().id() + " " + c.recordId();
            if (!c.workflow().reenrollment() && enrolled.contains(pair)) {
                continue;
            }
            if (started.getOrDefault(c.recordId(), 0L) >= max) {
                rows.add(new RunStore.NewRun(c.workflow().id(), c.workflow().version(), c.recordType(), c.recordId(), c.triggerKey(),
                        "cut_off", "More than " + max + " runs about this record within an hour", c.triggeredAt()));
                continue;
            }
            rows.add(new RunStore.NewRun(c.workflow().id(), c.workflow().version(), c.recordType(), c.recordId(), c.triggerKey(),
                    "running", null, c.triggeredAt()));
            enrolled.add(pair);
            started.merge(c.recordId(), 1L, Long::sum);
        }
        List<RunStore.NewRun> inserted = runs.insertAll(rows);
        List<UUID> eventWorkflows = new ArrayList<>();
        List<Map<String, Object>> payloads = new ArrayList<>();
        List<UUID> out = new ArrayList<>();
        for (RunStore.NewRun r : inserted) {
            if ("cut_off".equals(r.status())) {
                LOG.warnf("Workflow %s: run %s about %s %s cut off by the per-record rate", r.workflowId(), r.id(), r.recordType(), r.recordId());
                continue;
            }
            out.add(r.id());
            eventWorkflows.add(r.workflowId());
            payloads.add(Map.of("runId", r.id().toString(), "recordType", r.recordType(), "recordId", r.recordId().toString(),
                    "trigger", r.triggerKey()));
        }
        events.appendAll("workflow", "run_started", eventWorkflows, payloads);
        return out;
    }
}
