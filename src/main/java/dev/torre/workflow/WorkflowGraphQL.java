package dev.torre.workflow;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.query.ListRequest;

/**
 * GraphQL for workflows and their runs, over the same service and rules as REST: a definition problem is the same
 * VALIDATION (extensions.code) naming the same JSON pointer; trigger and steps travel as JSON text.
 */
@GraphQLApi
@TranslateErrors
public class WorkflowGraphQL {

    @Inject
    WorkflowService workflows;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    @Inject
    ObjectMapper mapper;

    /** The GraphQL input for creating or changing a workflow. */
    @Input("WorkflowInput")
    public record WorkflowWrite(String name, Boolean enabled,
            @Description("What enrols a record, as JSON text: {\"type\": record_changed | event | segment_entered | segment_exited | schedule | date, ...}") String trigger,
            @Description("The steps, as JSON text: [{\"type\": create_task | update_record | ..., ...}]") String steps,
            Boolean reenrollment) {
    }

    @Mutation
    @Description("Defines a workflow; trigger and steps are checked whole, as over REST")
    public WorkflowView createWorkflow(@NonNull WorkflowWrite input) {
        return workflows.create(inputs.bind(patch(input, null), WorkflowInput.class));
    }

    @Mutation
    @Description("Changes the fields given (a new trigger or steps make a new definitionVersion). Fails if the workflow moved past expectedVersion.")
    public WorkflowView updateWorkflow(@NonNull @Id String id, @NonNull WorkflowWrite input, List<String> clear, Long expectedVersion) {
        return workflows.update(graphql.id(id), patch(input, clear), expectedVersion);
    }

    @Mutation
    @Description("Enables the workflow: it enrols from now on")
    public WorkflowView activateWorkflow(@NonNull @Id String id, Long expectedVersion) {
        return workflows.update(graphql.id(id), mapper.createObjectNode().put("enabled", true), expectedVersion);
    }

    @Mutation
    @Description("Disables the workflow: it enrols nobody more; runs under way go on")
    public WorkflowView deactivateWorkflow(@NonNull @Id String id, Long expectedVersion) {
        return workflows.update(graphql.id(id), mapper.createObjectNode().put("enabled", false), expectedVersion);
    }

    @Mutation
    @Description("Archives the workflow (it can be restored over REST); runs under way finish")
    public boolean deleteWorkflow(@NonNull @Id String id) {
        workflows.archive(graphql.id(id));
        return true;
    }

    @Mutation
    @Description("What each step would do for the record now, writing nothing")
    public DryRunView testWorkflow(@NonNull @Id String id, @NonNull @Id String recordId) {
        return workflows.test(graphql.id(id), new TestInput(graphql.id(recordId)));
    }

    @Description("What the step did or would do, as JSON text")
    public String detail(@Source StepView step) {
        return graphql.json(step.detail());
    }

    /** The write as a merge patch, with trigger and steps parsed from their JSON text. */
    private ObjectNode patch(WorkflowWrite input, List<String> clear) {
        ObjectNode patch = graphql.toPatch(input, clear);
        for (String field : List.of("trigger", "steps")) {
            if (patch.hasNonNull(field)) {
                try {
                    patch.set(field, mapper.readTree(patch.get(field).asText()));
                } catch (JsonProcessingException e) {
                    throw TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_json", field + " is not JSON text");
                }
            }
        }
        return patch;
    }

    @Query
    @Description("A workflow by id")
    public WorkflowView workflow(@NonNull @Id String id) {
        return workflows.get(graphql.id(id));
    }

    @Query
    @Description("Workflows, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public WorkflowConnection workflows(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return WorkflowConnection.of(workflows.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Description("The trigger, as JSON text")
    public String trigger(@Source WorkflowView workflow) {
        return workflow.trigger().toString();
    }

    @Description("The steps, as JSON text")
    public String steps(@Source WorkflowView workflow) {
        return workflow.steps().toString();
    }

    @Description("The workflow's runs, newest first")
    public RunConnection runs(@Source WorkflowView workflow, Integer first, String after) {
        return RunConnection.of(workflows.runs(workflow.id(), ListRequest.of(null, null, null, first, after)));
    }

    @Query
    @Description("One run of a workflow with every step's outcome")
    public RunView workflowRun(@NonNull @Id String workflowId, @NonNull @Id String runId) {
        return workflows.run(graphql.id(workflowId), graphql.id(runId));
    }
}
