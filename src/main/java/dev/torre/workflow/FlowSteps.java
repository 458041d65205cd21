package dev.torre.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.event.EventLog;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/** The steps that steer a run: webhook notices, waits, branches and goals. */
@ApplicationScoped
class FlowSteps {

    @Inject
    ServerClock clock;

    @Inject
    RecordTypes types;

    @Inject
    RecordSteps records;

    @Inject
    Inputs inputs;

    @Inject
    EventLog events;

    @Inject
    EntityManager em;

    /** Emits {@code workflow.webhook}: webhook subscriptions deliver it, signed, to partners. */
    Outcome webhook(JsonNode step, Ctx ctx) {
        Map<String, JsonNode> vars = records.vars(ctx);
        Map<String, Object> data = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = step.path("data").properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            data.put(e.getKey(), e.getValue().isTextual() ? Templates.render(e.getValue().asText(), vars) : e.getValue());
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("topic", step.path("topic").asText());
        payload.put("workflowId", ctx.workflowId().toString());
        payload.put("runId", ctx.runId() == null ? null : ctx.runId().toString());
        payload.put("recordType", ctx.recordType());
        payload.put("recordId", ctx.recordId().toString());
        payload.put("data", data);
        if (!ctx.dry()) {
            events.append("workflow", ctx.workflowId(), "webhook", payload);
        }
        return Outcome.completed(Map.of("topic", step.path("topic").asText(), "event", "workflow.webhook"));
    }

    Outcome waitStep(JsonNode step, Ctx ctx) {
        Instant now = clock.now();
        if (step.has("duration")) {
            return Outcome.waiting("duration", now.plus(Duration.parse(step.path("duration").asText())), Map.of());
        }
        if (step.has("untilField")) {
            String field = step.path("untilField").asText();
            JsonNode value = inputs.tree(types.service(ctx.recordType()).get(ctx.recordId())).get(field);
            if (value == null || value.isNull()) {
                return Outcome.skipped("no_date", Map.of("field", field));
            }
            Instant until = instant(value.asText());
            if (!until.isAfter(now)) {
                return Outcome.completed("date_passed", Map.of("field", field, "date", until.toString()));
            }
            return Outcome.waiting("date", until, Map.of("field", field));
        }
        JsonNode on = step.path("untilEvent");
        return Outcome.waitingForEvent(on.path("type").asText(), on.path("match"),
                now.plus(Duration.parse(step.path("timeout").asText())), Map.of("event", on.path("type").asText()));
    }

    /** A date field's value as an instant: a timestamp as written, a calendar date (a deal's expected close) at its start, UTC. */
    private static Instant instant(String value) {
        return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                : OffsetDateTime.parse(value).toInstant();
    }

    Outcome branch(JsonNode step, Ctx ctx) {
        boolean holds = types.matches(ctx.recordType(), step.path("condition").asText(), ctx.recordId());
        return Outcome.branch(holds, Map.of("condition", step.path("condition").asText()));
    }

    /** Ends the run when its goal is reached: a condition on the record, an order of a category, or an event since the run began. */
    Outcome exit(JsonNode step, Ctx ctx) {
        if (step.has("condition") && types.matches(ctx.recordType(), step.path("condition").asText(), ctx.recordId())) {
            return Outcome.exit(Map.of("goal", "condition"));
        }
        Optional<UUID> contact = types.contactOf(ctx.recordType(), ctx.recordId());
        if (step.has("orderedCategory") && contact.isPresent() && ordered(contact.get(), step.path("orderedCategory").asText(), ctx)) {
            return Outcome.exit(Map.of("goal", "ordered", "category", step.path("orderedCategory").asText()));
        }
        if (step.has("event") && happened(step.get("event"), ctx, contact.orElse(null))) {
            return Outcome.exit(Map.of("goal", "event", "event", step.path("event").path("type").asText()));
        }
        return Outcome.completed("goal_not_reached", Map.of());
    }

    /**
     * Whether the contact placed an order with a product of the category since the run's starting point: the
     * triggering order's own time when the run is about an order (another order than it), else the run's start.
     */
    private boolean ordered(UUID contact, String category, Ctx ctx) {
        boolean aboutOrder = "order".equals(ctx.recordType());
        return !Sql.query(em, SqlFragment.of("""
                select 1 from sales_order o
                join order_line l on l.tenant_id = o.tenant_id and l.order_id = o.id
                join product p on p.tenant_id = l.tenant_id and p.id = l.product_id
                where o.tenant_id = ? and o.contact_id = ? and o.archived_at is null and lower(p.category) = lower(?)
                  and o.id <> ? and o.placed_at >= coalesce((select s.placed_at from sales_order s where s.tenant_id = o.tenant_id
                      and s.id = ? and ?), ?)
                limit 1
                """, TenantContext.current(), contact, category, ctx.recordId(), ctx.recordId(), aboutOrder, ctx.startedAt()),
                r -> 1).isEmpty();
    }

    /** Whether an event of the type about the record or its contact, matching, was written since the run began. */
    private boolean happened(JsonNode on, Ctx ctx, UUID contact) {
        String recordId = ctx.recordId().toString();
        String contactId = contact == null ? recordId : contact.toString();
        return Sql.query(em, SqlFragment.of("""
                select cast(payload as text) from event_log where tenant_id = ? and type = ? and occurred_at >= ?
                  and (entity_id = ? or payload_contact_id = ? or payload -> 'data' ->> 'contactId' = ?)
                order by seq limit 100
                """, TenantContext.current(), on.path("type").asText(), ctx.startedAt(), ctx.recordId(), contactId, contactId),
                r -> r.getString(1)).stream().anyMatch(p -> EventMatch.matches(p, on.path("match")));
    }
}
