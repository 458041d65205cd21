package dev.torre.deal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/** The only place that writes pipelines and their stages; every tenant gets a default pipeline on first use. */
@ApplicationScoped
public class PipelineService {

    @Inject
    ServerClock clock;

    static final List<StageInput> DEFAULT_STAGES = List.of(
            new StageInput("Prospecting", StageKind.OPEN, new BigDecimal("0.1")),
            new StageInput("Qualification", StageKind.OPEN, new BigDecimal("0.2")),
            new StageInput("Proposal", StageKind.OPEN, new BigDecimal("0.5")),
            new StageInput("Negotiation", StageKind.OPEN, new BigDecimal("0.7")),
            new StageInput("Won", StageKind.WON, BigDecimal.ONE),
            new StageInput("Lost", StageKind.LOST, BigDecimal.ZERO));

    /** A stage and whether it (or its pipeline) was deleted. */
    record StageEntry(StageView view, boolean archived) {
    }

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    Inputs inputs;

    @Inject
    StageDirectory directory;

    @Inject
    DealService deals;

    @Transactional
    @RequiresScope("deals:read")
    public List<PipelineView> list() {
        ensureDefault();
        List<Pipeline> pipelines = em.createQuery(
                "from Pipeline p where p.archivedAt is null order by p.isDefault desc, p.createdAt, p.id", Pipeline.class).getResultList();
        Map<UUID, List<StageView>> stages = new LinkedHashMap<>();
        pipelines.forEach(p -> stages.put(p.id, new ArrayList<>()));
        em.createQuery("from PipelineStage s where s.archivedAt is null order by s.position, s.createdAt", PipelineStage.class)
                .getResultList().forEach(s -> {
                    if (stages.containsKey(s.pipelineId)) {
                        stages.get(s.pipelineId).add(StageView.of(s));
                    }
                });
        return pipelines.stream().map(p -> PipelineView.of(p, stages.get(p.id))).toList();
    }

    @Transactional
    @RequiresScope("deals:read")
    public PipelineView get(UUID id) {
        ensureDefault();
        return view(find(id));
    }

    @Transactional
    @RequiresScope("deals:write")
    public PipelineView create(@Valid PipelineInput input) {
        ensureDefault();
        Pipeline pipeline = new Pipeline();
        pipeline.name = input.name().trim();
        em.persist(pipeline);
        for (int i = 0; i < input.stages().size(); i++) {
            em.persist(PipelineStage.of(pipeline.id, i, input.stages().get(i)));
        }
        events.append("pipeline", pipeline.id, "created", Map.of("data", inputs.tree(input)));
        em.flush();
        directory.forget();
        return view(pipeline);
    }

    @Transactional
    @RequiresScope("deals:write")
    public PipelineView rename(UUID id, JsonNode mergePatch, Long expectedVersion) {
        Pipeline pipeline = find(id);
        Records.checkWritable(pipeline, expectedVersion, "pipeline");
        PipelineChange change = inputs.patch(new PipelineChange(pipeline.name), mergePatch, PipelineChange.class);
        if (!change.name().trim().equals(pipeline.name)) {
            events.append("pipeline", id, "updated", Map.of("changes", Map.of("name", Map.of("from", pipeline.name, "to", change.name().trim()))));
            pipeline.name = change.name().trim();
            em.flush();
        }
        return view(pipeline);
    }

    /** Archives a pipeline that holds no active deals; the default one stays. */
    @Transactional
    @RequiresScope("deals:write")
    public void archive(UUID id) {
        Pipeline pipeline = find(id);
        if (pipeline.isDefault) {
            throw new TorreException(ErrorCode.CONFLICT, "The default pipeline cannot be deleted");
        }
        long held = deals.countIn("pipelineId", id);
        if (held > 0) {
            throw new TorreException(ErrorCode.CONFLICT, "The pipeline still holds " + held + " deal" + (held == 1 ? "" : "s")
                    + "; move or archive them first");
        }
        Records.archive(pipeline, events, "pipeline", clock.now());
        directory.forget();
    }

    @Transactional
    @RequiresScope("deals:write")
    public PipelineView addStage(UUID pipelineId, @Valid StageInput input) {
        Pipeline pipeline = writable(pipelineId, null);
        int position = stagesOf(pipelineId).size();
        PipelineStage stage = PipelineStage.of(pipelineId, position, input);
        em.persist(stage);
        stageEvent(pipeline, "stage_added", stage);
        return saved(pipeline);
    }

    @Transactional
    @RequiresScope("deals:write")
    public PipelineView changeStage(UUID pipelineId, UUID stageId, JsonNode mergePatch, Long expectedVersion) {
        Pipeline pipeline = writable(pipelineId, expectedVersion);
        PipelineStage stage = stageOf(pipelineId, stageId);
        StageInput next = inputs.patch(new StageInput(stage.name, stage.kind, stage.probability), mergePatch, StageInput.class);
        if (next.kind() != stage.kind) {
            long held = deals.countIn("stageId", stageId);
            if (held > 0) {
                throw new TorreException(ErrorCode.CONFLICT, "The stage holds " + held + " deal" + (held == 1 ? "" : "s")
                        + "; its kind can change only when it is empty");
            }
        }
        stage.set(next);
        stageEvent(pipeline, "stage_changed", stage);
        return saved(pipeline);
    }

    /** Puts the stages in the order given, which must name each active stage of the pipeline once. */
    @Transactional
    @RequiresScope("deals:write")
    public PipelineView reorder(UUID pipelineId, List<UUID> stageIds, Long expectedVersion) {
        Pipeline pipeline = writable(pipelineId, expectedVersion);
        List<PipelineStage> stages = stagesOf(pipelineId);
        Map<UUID, PipelineStage> byId = new LinkedHashMap<>();
        stages.forEach(s -> byId.put(s.id, s));
        if (stageIds == null || stageIds.size() != stages.size() || !new HashSet<>(stageIds).equals(byId.keySet())) {
            throw new TorreException(ErrorCode.VALIDATION, "stageIds must name each of the pipeline's " + stages.size()
                    + " stages exactly once", List.of(new FieldError("stageIds", "invalid_value", "Each stage of the pipeline once")));
        }
        for (int i = 0; i < stageIds.size(); i++) {
            byId.get(stageIds.get(i)).moveTo(i);
        }
        events.append("pipeline", pipelineId, "stages_reordered", Map.of("stageIds", stageIds.stream().map(UUID::toString).toList()));
        return saved(pipeline);
    }

    /**
     * Deletes a stage. One that still holds deals is refused, naming how many, unless
     * {@code moveDealsTo} names another open or won stage of the pipeline to move them to.
     */
    @Transactional
    @RequiresScope("deals:write")
    public PipelineView deleteStage(UUID pipelineId, UUID stageId, UUID moveDealsTo, Long expectedVersion) {
        Pipeline pipeline = writable(pipelineId, expectedVersion);
        PipelineStage stage = stageOf(pipelineId, stageId);
        if (stagesOf(pipelineId).size() == 1) {
            throw new TorreException(ErrorCode.CONFLICT, "A pipeline keeps at least one stage");
        }
        long held = deals.countIn("stageId", stageId);
        if (held > 0 && moveDealsTo == null) {
            throw new TorreException(ErrorCode.CONFLICT, "The stage still holds " + held + " deal" + (held == 1 ? "" : "s")
                    + "; name a stage to move them to with moveDealsTo", List.of(new FieldError("moveDealsTo", "required",
                            held + " deal" + (held == 1 ? "" : "s") + " to move")));
        }
        if (held > 0) {
            PipelineStage target = em.find(PipelineStage.class, moveDealsTo);
            if (target == null || target.archived() || !target.pipelineId.equals(pipelineId) || target.id.equals(stageId)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "moveDealsTo", "not_found",
                        "moveDealsTo must name another stage of the same pipeline");
            }
            if (target.kind == StageKind.LOST) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "moveDealsTo", "invalid_value",
                        "Deals cannot be moved in bulk to a lost stage: each needs its own lost reason");
            }
            deals.moveAll(stageId, target.id);
        }
        Records.archive(stage, events, "pipeline_stage", clock.now());
        int position = 0;
        for (PipelineStage s : stagesOf(pipelineId)) {
            if (!s.archived()) {
                s.moveTo(position++);
            }
        }
        return saved(pipeline);
    }

    // --- for the deal rules of this package ---

    /** The tenant's default pipeline, created with the standard stages the first time anything asks. */
    @Transactional
    UUID ensureDefault() {
        List<UUID> found = em.createQuery("select p.id from Pipeline p where p.isDefault", UUID.class).getResultList();
        if (!found.isEmpty()) {
            return found.getFirst();
        }
        UUID id = Ids.next();
        int inserted = em.createNativeQuery("""
                insert into pipeline (tenant_id, id, name, is_default, version, created_at, updated_at)
                values (?1, ?2, 'Sales', true, 0, ?3, ?3) on conflict (tenant_id) where is_default do nothing
                """).setParameter(1, TenantContext.current()).setParameter(2, id).setParameter(3, clock.now()).executeUpdate();
        if (inserted == 0) {
            // another request created it meanwhile; it has committed, since the insert waited for it
            return em.createQuery("select p.id from Pipeline p where p.isDefault", UUID.class).getSingleResult();
        }
        for (int i = 0; i < DEFAULT_STAGES.size(); i++) {
            em.persist(PipelineStage.of(id, i, DEFAULT_STAGES.get(i)));
        }
        events.append("pipeline", id, "created", Map.of("data", Map.of("name", "Sales", "isDefault", true)));
        em.flush();
        return id;
    }

    /** Every stage of the tenant, with whether it or its pipeline was deleted. */
    Map<UUID, StageEntry> allStages() {
        Map<UUID, StageEntry> all = new LinkedHashMap<>();
        List<Object[]> rows = em.createQuery("""
                select s, p.archivedAt from PipelineStage s, Pipeline p where p.id = s.pipelineId order by s.position
                """, Object[].class).getResultList();
        rows.forEach(r -> {
            PipelineStage s = (PipelineStage) r[0];
            all.put(s.id, new StageEntry(StageView.of(s), s.archived() || r[1] != null));
        });
        return all;
    }

    private Pipeline find(UUID id) {
        return Records.find(em, Pipeline.class, id, "Pipeline");
    }

    /** The pipeline, refused when archived or when it moved past the version the caller expects (If-Match). */
    private Pipeline writable(UUID id, Long expectedVersion) {
        Pipeline pipeline = find(id);
        Records.checkWritable(pipeline, expectedVersion, "pipeline");
        return pipeline;
    }

    private PipelineStage stageOf(UUID pipelineId, UUID stageId) {
        PipelineStage stage = em.find(PipelineStage.class, stageId);
        if (stage == null || stage.archived() || !Objects.equals(stage.pipelineId, pipelineId)) {
            throw TorreException.notFound("Stage " + stageId);
        }
        return stage;
    }

    private List<PipelineStage> stagesOf(UUID pipelineId) {
        return em.createQuery("from PipelineStage s where s.pipelineId = :p and s.archivedAt is null order by s.position, s.createdAt",
                PipelineStage.class).setParameter("p", pipelineId).getResultList();
    }

    private void stageEvent(Pipeline pipeline, String action, PipelineStage stage) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("stageId", stage.id.toString());
        payload.put("name", stage.name);
        payload.put("kind", stage.kind.wire());
        payload.put("probability", stage.probability);
        events.append("pipeline", pipeline.id, action, payload);
    }

    /** Flushes a change to the stages, bumps the pipeline's version for its ETag, and answers the new state. */
    private PipelineView saved(Pipeline pipeline) {
        pipeline.updatedAt = clock.now();
        em.flush();
        directory.forget();
        return view(pipeline);
    }

    private PipelineView view(Pipeline pipeline) {
        return PipelineView.of(pipeline, stagesOf(pipeline.id).stream().map(StageView::of).toList());
    }
}
