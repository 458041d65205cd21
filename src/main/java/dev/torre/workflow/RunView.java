package dev.torre.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/**
 * One enrolment of a record in a workflow, on the definition version it started with: its status (running, waiting,
 * completed, exited, failed, cut_off), what it waits for, and every step's outcome so far (empty in list pages).
 */
@Type("WorkflowRun")
public record RunView(@Id UUID id, UUID workflowId, int workflowVersion, String recordType, UUID recordId, String triggerKey,
        String status, Instant wakeAt, String waitingFor, String problem, Instant startedAt, Instant finishedAt,
        List<StepView> steps) {
}
