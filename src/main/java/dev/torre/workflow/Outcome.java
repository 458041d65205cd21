package dev.torre.workflow;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What a step did and where the run goes next. */
record Outcome(String outcome, String reason, Map<String, Object> detail, Instant until, Flow flow, String waitEvent,
        JsonNode waitMatch) {

    enum Flow {
        NEXT, THEN, ELSE, WAIT, EXIT, FAIL
    }

    static Outcome completed(Map<String, Object> detail) {
        return new Outcome("completed", null, detail, null, Flow.NEXT, null, null);
    }

    static Outcome completed(String reason, Map<String, Object> detail) {
        return new Outcome("completed", reason, detail, null, Flow.NEXT, null, null);
    }

    static Outcome skipped(String reason, Map<String, Object> detail) {
        return new Outcome("skipped", reason, detail, null, Flow.NEXT, null, null);
    }

    static Outcome failed(String problem, Map<String, Object> detail) {
        return new Outcome("failed", problem, detail, null, Flow.FAIL, null, null);
    }

    static Outcome waiting(String reason, Instant until, Map<String, Object> detail) {
        return new Outcome("waiting", reason, detail, until, Flow.WAIT, null, null);
    }

    static Outcome waitingForEvent(String event, JsonNode match, Instant timeout, Map<String, Object> detail) {
        return new Outcome("waiting", "event", detail, timeout, Flow.WAIT, event, match);
    }

    static Outcome branch(boolean then, Map<String, Object> detail) {
        return new Outcome("completed", then ? "then" : "else", detail, null, then ? Flow.THEN : Flow.ELSE, null, null);
    }

    static Outcome exit(Map<String, Object> detail) {
        return new Outcome("completed", "goal_reached", detail, null, Flow.EXIT, null, null);
    }
}
