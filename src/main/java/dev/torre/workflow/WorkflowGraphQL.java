package dev.torre.workflow;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.query.ListRequest;

/** GraphQL reads of workflows and their runs, over the same service and rules as REST. */
@GraphQLApi
@TranslateErrors
public class WorkflowGraphQL {

    @Inject
    WorkflowService workflows;

    @Inject
    GraphQLInputs graphql;

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
