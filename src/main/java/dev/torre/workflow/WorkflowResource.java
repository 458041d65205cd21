package dev.torre.workflow;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.rest.RecordEndpoints;

/** REST for workflows: the shared record endpoints but search and batch, their runs, and dry runs. */
@Path("/v1/workflows")
@Tag(name = "Workflows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkflowResource extends RecordEndpoints<WorkflowView, WorkflowInput> {

    private final WorkflowService workflows;

    public WorkflowResource(WorkflowService workflows) {
        super(workflows, WorkflowView::id, WorkflowView::version);
        this.workflows = workflows;
    }

    @POST
    @Operation(summary = "Create a workflow", description = "Trigger and steps are checked whole: an unknown type, an unknown field in a"
            + " condition, an unknown segment or a loop is a 400 naming the JSON pointer of the problem.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = WorkflowView.class)))
    public RestResponse<WorkflowView> create(@HeaderParam("Idempotency-Key") String key, @NotNull WorkflowInput input) {
        return created(key, input);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a workflow")
    public RestResponse<WorkflowView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a workflow", description = "JSON Merge Patch. A new trigger or new steps make a new definitionVersion;"
            + " runs under way finish on theirs.")
    public RestResponse<WorkflowView> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a workflow", description = "It enrols nothing more; runs under way finish.")
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived workflow")
    public RestResponse<WorkflowView> restore(@PathParam("id") UUID id) {
        return restored(id);
    }

    @GET
    @Operation(summary = "List workflows", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<WorkflowView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listed(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @Path("{id}/test")
    @Operation(summary = "Dry-run a workflow on a record", description = "Reports what each step would do for the record now, following"
            + " branches as they would go; writes nothing, sends nothing.")
    public DryRunView test(@PathParam("id") UUID id, @NotNull TestInput input) {
        return workflows.test(id, input);
    }

    @GET
    @Path("{id}/runs")
    @Operation(summary = "List a workflow's runs", description = "Newest first, keyset pages; each run's steps are on /runs/{runId}.")
    public Page<RunView> runs(@PathParam("id") UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return workflows.runs(id, ListRequest.of(null, null, null, limit, cursor));
    }

    @GET
    @Path("{id}/runs/{runId}")
    @Operation(summary = "Read a run with every step's outcome")
    public RunView run(@PathParam("id") UUID id, @PathParam("runId") UUID runId) {
        return workflows.run(id, runId);
    }
}
