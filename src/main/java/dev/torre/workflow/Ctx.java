package dev.torre.workflow;

import java.time.Instant;
import java.util.UUID;

/**
 * The run a step works for: its record, when it started, and whether this is a dry run (report, write nothing).
 *
 * @param runId null in a dry run
 */
record Ctx(UUID workflowId, UUID runId, String recordType, UUID recordId, Instant startedAt, String pointer, boolean dry) {

    Ctx at(String pointer) {
        return new Ctx(workflowId, runId, recordType, recordId, startedAt, pointer, dry);
    }
}
