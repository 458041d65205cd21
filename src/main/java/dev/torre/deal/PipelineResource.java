package dev.torre.deal;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.http.ETags;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.idempotency.Outcome;
import dev.torre.platform.query.Page;
import dev.torre.platform.rest.Responses;

/** REST for pipelines and their stages. */
@Path("/v1/pipelines")
@Tag(name = "Pipelines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PipelineResource {

    /** The new order of a pipeline's stages. */
    public record StageOrder(@NotNull List<UUID> stageIds) {
    }

    @Inject
    PipelineService pipelines;

    @Inject
    Idempotency idempotency;

    @GET
    @Operation(summary = "List pipelines with their stages", description = "The default pipeline comes first; it is created on first use.")
    public Page<PipelineView> list() {
        return new Page<>(pipelines.list(), null, List.of());
    }

    @POST
    @Operation(summary = "Create a pipeline with its stages")
    @APIResponse(responseCode = "201", description = "Created; Location is set", content = @Content(schema = @Schema(implementation = PipelineView.class)))
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull PipelineInput input) {
        return idempotency.execute(key, "pipelines.create", input, () -> {
            PipelineView view = pipelines.create(input);
            return Outcome.created("/v1/pipelines/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a pipeline", description = "Answers 304 when If-None-Match names the current ETag; stage changes move it too.")
    public RestResponse<PipelineView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return tagged(pipelines.get(id), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Rename a pipeline")
    public RestResponse<PipelineView> rename(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return tagged(pipelines.rename(id, patch, ETags.expectedVersion(ifMatch)), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a pipeline", description = "Refused (409) for the default pipeline and for one that still holds deals.")
    public void archive(@PathParam("id") UUID id) {
        pipelines.archive(id);
    }

    @POST
    @Path("{id}/stages")
    @Operation(summary = "Add a stage at the end of the pipeline")
    @APIResponse(responseCode = "201", description = "Added; the pipeline with its new stage", content = @Content(schema = @Schema(implementation = PipelineView.class)))
    public Response addStage(@HeaderParam("Idempotency-Key") String key, @PathParam("id") UUID id, @NotNull StageInput input) {
        return idempotency.execute(key, "pipelines." + id + ".stages.add", input, () -> {
            PipelineView view = pipelines.addStage(id, input);
            return Outcome.created("/v1/pipelines/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @PATCH
    @Path("{id}/stages/{stageId}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Rename a stage or change its default probability", description = "Its kind changes only while it holds no deals. If-Match (the pipeline's ETag) guards against concurrent changes.")
    public RestResponse<PipelineView> changeStage(@PathParam("id") UUID id, @PathParam("stageId") UUID stageId,
            @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return tagged(pipelines.changeStage(id, stageId, patch, ETags.expectedVersion(ifMatch)), null);
    }

    @PUT
    @Path("{id}/stage-order")
    @Operation(summary = "Reorder the stages", description = "stageIds names every stage of the pipeline once, in the new order. If-Match (the pipeline's ETag) guards against concurrent changes.")
    public RestResponse<PipelineView> reorder(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull StageOrder order) {
        return tagged(pipelines.reorder(id, order.stageIds(), ETags.expectedVersion(ifMatch)), null);
    }

    @DELETE
    @Path("{id}/stages/{stageId}")
    @Operation(summary = "Delete a stage", description = "A stage that holds deals is refused (409, naming how many) unless moveDealsTo names "
            + "another open or won stage of the pipeline; the moves are recorded in each deal's history.")
    public RestResponse<PipelineView> deleteStage(@PathParam("id") UUID id, @PathParam("stageId") UUID stageId,
            @HeaderParam("If-Match") String ifMatch, @QueryParam("moveDealsTo") UUID moveDealsTo) {
        return tagged(pipelines.deleteStage(id, stageId, moveDealsTo, ETags.expectedVersion(ifMatch)), null);
    }

    private static RestResponse<PipelineView> tagged(PipelineView view, String ifNoneMatch) {
        return Responses.tagged(view, view.version(), ifNoneMatch);
    }
}
