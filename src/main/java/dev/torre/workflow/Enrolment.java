package dev.torre.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.torre.platform.event.EventLog;
import dev.torre.platform.time.Clock;

/**
 * Starts runs. A run is keyed by what enrolled it ({@code trigger_key}: an event id, a schedule slot, a date), unique
 * per workflow, so a replayed event never enrols twice; a record already enrolled once is enrolled again only when
 * the workflow allows re-enrolment; a record that has started too many runs within the hour is cut off (a runaway
 * guard: the run is kept, status {@code cut_off}, and does nothing). New runs are taken on by the wake pass.
 */
@ApplicationScoped
class Enrolment {

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

    /** Enrols the record unless a rule says no; answers the new run. */
    Optional<UUID> enrol(Target w, String recordType, UUID recordId, String triggerKey) {
        if (!w.enabled() || RecordTypes.type(recordType) == null) {
            return Optional.empty();
        }
        RunStore.Prior prior = runs.prior(w.id(), recordId, Clock.now().minus(Duration.ofHours(1)));
        if (!w.reenrollment() && prior.enrolledInWorkflow()) {
            return Optional.empty();
        }
        if (prior.startedSince() >= config.maxRunsPerRecordPerHour()) {
            Optional<UUID> cut = runs.insert(w.id(), w.version(), recordType, recordId, triggerKey, "cut_off",
                    "More than " + config.maxRunsPerRecordPerHour() + " runs about this record within an hour");
            cut.ifPresent(id -> LOG.warnf("Workflow %s: run %s about %s %s cut off by the per-record rate", w.id(), id, recordType, recordId));
            return Optional.empty();
        }
        Optional<UUID> run = runs.insert(w.id(), w.version(), recordType, recordId, triggerKey, "running", null);
        run.ifPresent(id -> events.append("workflow", w.id(), "run_started", Map.of("runId", id.toString(),
                "recordType", recordType, "recordId", recordId.toString(), "trigger", triggerKey)));
        return run;
    }
}
