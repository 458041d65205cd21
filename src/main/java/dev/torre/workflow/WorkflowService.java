package dev.torre.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;

/**
 * The only place that writes workflows. A definition is checked whole when it is set ({@link Definitions}); a change
 * of trigger or steps makes a new definition version, and runs already under way finish on theirs. A workflow runs
 * with the roles and scopes of whoever defined it last, so it can do no more than its author.
 */
@ApplicationScoped
public class WorkflowService extends RecordService<Workflow, WorkflowInput, WorkflowView> {

    private static final Kind<Workflow, WorkflowInput> KIND = new Kind<>(
            "workflow", Workflow.class, Workflow::new, WorkflowInput.class,
            "workflow", "workflows", "/v1/workflows", WorkflowFields.REGISTRY, List.of(), Map.of());

    @Inject
    Definitions definitions;

    @Inject
    Caller caller;

    @Inject
    RecordTypes recordTypes;

    @Inject
    Matches matches;

    @Inject
    RunStore runs;

    @Inject
    Runner runner;

    /** One page of the workflow's runs, newest first. */
    @RequiresScope("read")
    public Page<RunView> runs(UUID id, ListRequest page) {
        find(id);
        return runs.page(id, page.limit(), page.cursor());
    }

    /** One run with every step's outcome. */
    @RequiresScope("read")
    public RunView run(UUID id, UUID runId) {
        find(id);
        return runs.get(id, runId).orElseThrow(() -> TorreException.notFound("workflow run " + runId));
    }

    /** What each step would do for this record now, writing nothing. */
    @Transactional
    @RequiresScope("read")
    public DryRunView test(UUID id, @NotNull TestInput input) {
        Workflow workflow = find(id);
        String type = definitions.check(workflow.trigger, workflow.steps);
        if (!types().matches(type, null, input.recordId())) {
            throw TorreException.invalidField(dev.torre.platform.error.ErrorCode.VALIDATION, "recordId", "not_found",
                    "No active " + type + " has the id " + input.recordId());
        }
        return runner.dryRun(workflow, type, input.recordId());
    }

    private RecordTypes types() {
        return recordTypes;
    }

    @Override
    protected WorkflowView view(Workflow w) {
        return WorkflowView.of(w);
    }

    @Override
    protected Kind<Workflow, WorkflowInput> kind() {
        return KIND;
    }

    @Override
    public WorkflowInput inputOf(Workflow w) {
        return new WorkflowInput(w.name, w.enabled, w.trigger, w.steps, w.reenrollment);
    }

    @Override
    public WorkflowInput normalise(WorkflowInput in) {
        definitions.check(in.trigger(), in.steps());
        return new WorkflowInput(in.name().trim(), !Boolean.FALSE.equals(in.enabled()), in.trigger(), in.steps(),
                Boolean.TRUE.equals(in.reenrollment()));
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, WorkflowInput> inputs) {
        return Map.of();
    }

    @Override
    protected void apply(Workflow w, WorkflowInput in) {
        w.name = in.name();
        w.enabled = in.enabled();
        w.reenrollment = in.reenrollment();
        w.trigger = in.trigger();
        w.steps = in.steps();
        if (w.definitionVersion == 0) {
            w.definitionVersion = 1;
        }
        w.runActor = caller.actor();
        w.runRoles = new ArrayList<>(caller.roles());
        w.runScopes = caller.scopes() == null ? null : new ArrayList<>(caller.scopes());
    }

    @Override
    public Workflow insert(WorkflowInput input) {
        Workflow workflow = super.insert(input);
        em.flush();
        saveVersion(workflow);
        matches.baseline(workflow);
        return workflow;
    }

    @Override
    public boolean change(Workflow workflow, WorkflowInput input) {
        boolean definitionChanged = !Objects.equals(workflow.trigger, input.trigger()) || !Objects.equals(workflow.steps, input.steps());
        // a trigger that is new, or was not watched while disabled, starts again from what matches now
        boolean triggerChanged = !Objects.equals(workflow.trigger, input.trigger()) || !workflow.enabled && input.enabled();
        if (!super.change(workflow, input)) {
            return false;
        }
        if (definitionChanged) {
            workflow.definitionVersion++;
            em.flush();
            saveVersion(workflow);
        }
        if (triggerChanged) {
            matches.baseline(workflow);
        }
        return true;
    }

    private void saveVersion(Workflow w) {
        Sql.update(em, SqlFragment.of("""
                insert into workflow_version (tenant_id, workflow_id, number, trigger_def, steps, created_at)
                values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
                """, TenantContext.current(), w.id, w.definitionVersion, w.trigger.toString(), w.steps.toString(), clock.now()));
    }

    @Override
    protected Page<WorkflowView> page(ListRequest request, SqlFragment scope) {
        return lists.page(Workflow.class, "workflow", WorkflowFields.REGISTRY, request, scope).map(WorkflowView::of);
    }
}
