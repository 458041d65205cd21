package dev.torre.deal;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.SearchRequest;
import dev.torre.platform.rest.ETags;
import dev.torre.platform.rest.Outcome;
import dev.torre.platform.rest.Page;
import dev.torre.platform.rest.Responses;

/** REST for deals: translates HTTP to {@link DealService} calls and back. */
@Path("/v1/deals")
@Tag(name = "Deals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DealResource {

    @Inject
    DealService deals;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Create a deal", description = "Without stageId the deal starts in the first stage of its pipeline (the default one if none is named).")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = DealView.class)))
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull DealInput input) {
        return idempotency.execute(key, "deals.create", input, () -> {
            DealView view = deals.create(input);
            return Outcome.created("/v1/deals/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a deal", description = "Answers 304 when If-None-Match names the current ETag.")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        DealView view = deals.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a deal", description = "JSON Merge Patch (RFC 7396). Changing stageId moves the deal: the move is recorded, "
            + "a won or lost stage sets closedAt, an open one clears it, a lost one needs lostReason.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        DealView view = deals.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a deal", description = "Soft delete: the deal leaves lists and can be restored.")
    public void archive(@PathParam("id") UUID id) {
        deals.archive(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived deal")
    public Response restore(@PathParam("id") UUID id) {
        DealView view = deals.restore(id);
        return Responses.readable(view, view.version(), null);
    }

    @GET
    @Path("{id}/stage-history")
    @Operation(summary = "A deal's stage changes, oldest first", description = "The first entry is the stage the deal was created in (fromStageId null).")
    public Page<StageChangeView> stageHistory(@PathParam("id") UUID id) {
        List<StageChangeView> history = deals.stageHistory(id);
        return new Page<>(history, null, List.of());
    }

    @GET
    @Operation(summary = "List deals", description = "Keyset pagination: pass the 'next' value back as cursor. Filters include amount, stageId, "
            + "pipelineId, ownerId, expectedCloseDate, contactId, companyId and stageAge (days in the current stage).")
    public Page<DealView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return deals.list(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @Path("search")
    @Operation(summary = "Search deals", description = "Filter plus free text (q) over name, source and lost reason. A read: Idempotency-Key is not needed.")
    public Page<DealView> search(@NotNull @Valid SearchRequest search) {
        return deals.list(search.toListRequest());
    }

    @POST
    @Path("batch/upsert")
    @Operation(summary = "Create or update up to 1000 deals", description = "One result per item, in order; a bad item fails alone.")
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    public Response batchUpsert(@HeaderParam("Idempotency-Key") String key, @NotNull BatchRequest batch) {
        return idempotency.execute(key, "deals.batch", batch, () -> Outcome.ok(deals.batchUpsert(batch))).toResponse();
    }
}
