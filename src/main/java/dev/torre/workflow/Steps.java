package dev.torre.workflow;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.error.TorreException;

/** Runs one step by its type; a refusal of the service it calls (a rule, a missing scope) is the step's failure, not the pass's. */
@ApplicationScoped
class Steps {

    @Inject
    RecordSteps records;

    @Inject
    FlowSteps flow;

    @Inject
    Messages messages;

    Outcome run(JsonNode step, Ctx ctx) {
        try {
            return switch (step.path("type").asText()) {
                case "create_task" -> records.createTask(step, ctx);
                case "update_record" -> records.update(step, ctx);
                case "move_deal_stage" -> records.moveDeal(step, ctx);
                case "add_to_segment" -> records.segment(step, ctx, true);
                case "remove_from_segment" -> records.segment(step, ctx, false);
                case "send_message" -> messages.send(step, ctx);
                case "webhook" -> flow.webhook(step, ctx);
                case "wait" -> flow.waitStep(step, ctx);
                case "branch" -> flow.branch(step, ctx);
                case "exit" -> flow.exit(step, ctx);
                default -> Outcome.failed("unknown_step", Map.of("type", step.path("type").asText()));
            };
        } catch (TorreException e) {
            if (!ctx.dry()) {
                throw e; // the run's transaction rolls back whole, and the runner records the failure
            }
            return failure(e);
        }
    }

    /** A step refused: the problem in the caller's terms (an unexpected error says only that it was internal). */
    static Outcome failure(TorreException e) {
        if (e == null) {
            return Outcome.failed("internal", Map.of("problem", "An unexpected error; it has been logged"));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("status", e.code().status());
        detail.put("problem", e.getMessage());
        if (!e.errors().isEmpty()) {
            detail.put("field", e.errors().getFirst().field());
        }
        return Outcome.failed(e.code().name().toLowerCase(java.util.Locale.ROOT), detail);
    }
}
