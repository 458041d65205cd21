package dev.torre.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.deal.DealService;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;
import dev.torre.segment.SegmentService;
import dev.torre.segment.SegmentView;

/** The steps that write records, each through the owning capability's service: tasks, field updates, deal stages, static lists. */
@ApplicationScoped
class RecordSteps {

    @Inject
    ServerClock clock;

    @Inject
    dev.torre.team.TeamService teams;

    @Inject
    RecordTypes types;

    @Inject
    Inputs inputs;

    @Inject
    DealService deals;

    @Inject
    SegmentService segments;

    @Inject
    EntityManager em;

    Outcome createTask(JsonNode step, Ctx ctx) {
        Map<String, JsonNode> vars = vars(ctx);
        ObjectNode task = (ObjectNode) inputs.tree(Map.of());
        task.put("title", Templates.render(step.path("title").asText(), vars));
        if (step.hasNonNull("description")) {
            task.put("description", Templates.render(step.path("description").asText(), vars));
        }
        if (step.hasNonNull("due")) {
            task.put("dueAt", clock.now().plus(Duration.parse(step.path("due").asText())).toString());
        }
        JsonNode to = step.path("assignTo");
        Optional<String> assignee = assignee(to, ctx);
        if (to.has("team") && assignee.isEmpty()) {
            return Outcome.skipped("team_unavailable", Map.of("teamId", to.path("team").asText()));
        }
        assignee.ifPresent(a -> task.put("assigneeId", a));
        types.contactOf(ctx.recordType(), ctx.recordId()).ifPresent(c -> task.put("contactId", c.toString()));
        switch (ctx.recordType()) {
            case "deal" -> task.put("dealId", ctx.recordId().toString());
            case "ticket" -> task.put("ticketId", ctx.recordId().toString());
            case "company" -> task.put("companyId", ctx.recordId().toString());
            default -> {
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        if (ctx.dry()) {
            // a run keeps ids, not rendered text: personal data stays in the records erasure and export know
            detail.put("title", task.path("title").asText());
        }
        detail.put("assigneeId", task.path("assigneeId").asText(null));
        detail.put("dueAt", task.path("dueAt").asText(null));
        if (!ctx.dry()) {
            JsonNode created = inputs.tree(create(types.service("task"), task));
            detail.put("taskId", created.path("id").asText());
        }
        return Outcome.completed(detail);
    }

    /**
     * The step's assignee: the record's owner, a named user, the next member of a team, or the next of a round-robin
     * list (the older form: its turn kept per step, in one row per workflow step).
     */
    private Optional<String> assignee(JsonNode to, Ctx ctx) {
        if (to.isMissingNode() || "owner".equals(to.asText(null))) {
            return types.ownerOf(ctx.recordType(), ctx.recordId());
        }
        if (to.has("user")) {
            return Optional.of(to.path("user").asText());
        }
        if (to.has("team")) {
            // the team's one rotation, shared by every workflow that assigns to it
            return teams.nextMember(UUID.fromString(to.path("team").asText()), ctx.dry());
        }
        JsonNode users = to.path("roundRobin");
        String tenant = TenantContext.current();
        long turn = ctx.dry()
                ? Sql.query(em, SqlFragment.of("select coalesce(max(turns), 0) from workflow_rotation where tenant_id = ? and workflow_id = ?"
                        + " and pointer = ?", tenant, ctx.workflowId(), ctx.pointer()), r -> r.getLong(1)).getFirst()
                : Sql.query(em, SqlFragment.of("""
                        insert into workflow_rotation (tenant_id, workflow_id, pointer, turns) values (?, ?, ?, 1)
                        on conflict (tenant_id, workflow_id, pointer) do update set turns = workflow_rotation.turns + 1
                        returning turns - 1
                        """, tenant, ctx.workflowId(), ctx.pointer()), r -> r.getLong(1)).getFirst();
        return Optional.of(users.get((int) (turn % users.size())).asText());
    }

    Outcome update(JsonNode step, Ctx ctx) {
        boolean onContact = "contact".equals(step.path("target").asText("record"));
        String type = onContact ? "contact" : ctx.recordType();
        Optional<UUID> id = onContact ? types.contactOf(ctx.recordType(), ctx.recordId()) : Optional.of(ctx.recordId());
        if (id.isEmpty()) {
            return Outcome.skipped("no_contact", Map.of());
        }
        RecordService<?, ?, ?> service = types.service(type);
        JsonNode current = inputs.tree(service.get(id.get()));
        ObjectNode patch = step.path("set").deepCopy();
        Map<String, Object> detail = new LinkedHashMap<>();
        if (patch.has("lifecycleStage")) {
            int now = StepDefinitions.STAGES.indexOf(current.path("lifecycleStage").asText());
            int wanted = StepDefinitions.STAGES.indexOf(patch.path("lifecycleStage").asText());
            if (now >= wanted || current.path("lifecycleStage").asText().equals("other")) {
                // a lifecycle only moves forward: a contact already further along keeps its stage
                patch.remove("lifecycleStage");
                detail.put("kept", Map.of("lifecycleStage", current.path("lifecycleStage").asText()));
            }
        }
        patch.properties().removeIf(e -> e.getValue().equals(current.get(e.getKey())));
        if (patch.isEmpty()) {
            return Outcome.skipped("unchanged", detail);
        }
        detail.put(type + "Id", id.get().toString());
        detail.put("set", inputs.tree(patch));
        if (!ctx.dry()) {
            service.update(id.get(), patch, null);
        }
        return Outcome.completed(detail);
    }

    Outcome moveDeal(JsonNode step, Ctx ctx) {
        UUID stage = UUID.fromString(step.path("stageId").asText());
        if (stage.equals(deals.get(ctx.recordId()).stageId())) {
            return Outcome.skipped("unchanged", Map.of("stageId", stage.toString()));
        }
        if (!ctx.dry()) {
            deals.move(ctx.recordId(), stage, null, null);
        }
        return Outcome.completed(Map.of("stageId", stage.toString()));
    }

    Outcome segment(JsonNode step, Ctx ctx, boolean add) {
        UUID segmentId = UUID.fromString(step.path("segmentId").asText());
        SegmentView segment = segments.get(segmentId);
        Optional<UUID> member = segment.objectType().equals(ctx.recordType()) ? Optional.of(ctx.recordId())
                : types.contactOf(ctx.recordType(), ctx.recordId());
        if (member.isEmpty()) {
            return Outcome.skipped("no_contact", Map.of());
        }
        Map<String, Object> detail = Map.of("segmentId", segmentId.toString(), "recordId", member.get().toString());
        if (ctx.dry()) {
            return Outcome.completed(detail);
        }
        if (add) {
            segments.addMember(segmentId, member.get());
            return Outcome.completed(detail);
        }
        if (!segments.hasMember(segmentId, member.get())) {
            return Outcome.skipped("not_member", detail);
        }
        segments.removeMember(segmentId, member.get());
        return Outcome.completed(detail);
    }

    /** The record and its contact as the API shows them, for templates. */
    Map<String, JsonNode> vars(Ctx ctx) {
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        vars.put("", inputs.tree(types.service(ctx.recordType()).get(ctx.recordId())));
        types.contactOf(ctx.recordType(), ctx.recordId())
                .ifPresent(c -> vars.put("contact", inputs.tree(types.service("contact").get(c))));
        return vars;
    }

    /** Creates a record through its service's shared create operation, the input read from JSON like any request body's. */
    private <I> Object create(RecordService<?, I, ?> service, JsonNode json) {
        return service.create(inputs.bind(json, service.inputType()));
    }

}
