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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.rest.ETags;
import dev.torre.platform.rest.Outcome;
import dev.torre.platform.rest.Page;

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
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull PipelineInput input) {
        return idempotency.execute(key, "pipelines.create", input, () -> {
            PipelineView view = pipelines.create(input);
            return Outcome.created("/v1/pipelines/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a pipeline")
    public PipelineView get(@PathParam("id") UUID id) {
        return pipelines.get(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Rename a pipeline")
    public PipelineView rename(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return pipelines.rename(id, patch, ETags.expectedVersion(ifMatch));
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
    public Response addStage(@HeaderParam("Idempotency-Key") String key, @PathParam("id") UUID id, @NotNull StageInput input) {
        return idempotency.execute(key, "pipelines." + id + ".stages.add", input, () -> {
            PipelineView view = pipelines.addStage(id, input);
            return Outcome.created("/v1/pipelines/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @PATCH
    @Path("{id}/stages/{stageId}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Rename a stage or change its default probability", description = "Its kind changes only while it holds no deals.")
    public PipelineView changeStage(@PathParam("id") UUID id, @PathParam("stageId") UUID stageId, JsonNode patch) {
        return pipelines.changeStage(id, stageId, patch);
    }

    @PUT
    @Path("{id}/stage-order")
    @Operation(summary = "Reorder the stages", description = "stageIds names every stage of the pipeline once, in the new order.")
    public PipelineView reorder(@PathParam("id") UUID id, @NotNull StageOrder order) {
        return pipelines.reorder(id, order.stageIds());
    }

    @DELETE
    @Path("{id}/stages/{stageId}")
    @Operation(summary = "Delete a stage", description = "A stage that holds deals is refused (409, naming how many) unless moveDealsTo names "
            + "another open or won stage of the pipeline; the moves are recorded in each deal's history.")
    public PipelineView deleteStage(@PathParam("id") UUID id, @PathParam("stageId") UUID stageId,
            @QueryParam("moveDealsTo") UUID moveDealsTo) {
        return pipelines.deleteStage(id, stageId, moveDealsTo);
    }
}
