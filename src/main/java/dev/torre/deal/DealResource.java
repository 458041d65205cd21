package dev.torre.deal;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.query.Page;
import dev.torre.platform.rest.RecordDocs;
import dev.torre.platform.rest.RecordResource;

/** REST for deals: the shared record endpoints over {@link DealService}, and a deal's stage history. */
@Path("/v1/deals")
@Tag(name = "Deals", extensions = {
        @Extension(name = RecordDocs.ONE, value = "deal"),
        @Extension(name = RecordDocs.MANY, value = "deals"),
        @Extension(name = "x-create", value = "Without stageId the deal starts in the first stage of its pipeline (the default one if none is named)."),
        @Extension(name = "x-change", value = "JSON Merge Patch (RFC 7396). Changing stageId moves the deal: the move is recorded, "
                + "a won or lost stage sets closedAt, an open one clears it, a lost one needs lostReason."),
        @Extension(name = "x-list", value = "Keyset pagination: pass the 'next' value back as cursor. Filters include amount, stageId, "
                + "pipelineId, ownerId, expectedCloseDate, contactId, companyId and stageAge (days in the current stage)."),
        @Extension(name = "x-search", value = "Filter plus free text (q) over name, source and lost reason. A read: Idempotency-Key is not needed.") })
@Produces(MediaType.APPLICATION_JSON)
public class DealResource extends RecordResource<DealView, DealInput> {

    private final DealService deals;

    public DealResource(DealService deals) {
        super(deals, DealView::id, DealView::version);
        this.deals = deals;
    }

    @GET
    @Path("{id}/stage-history")
    @Operation(summary = "A deal's stage changes, oldest first", description = "The first entry is the stage the deal was created in (fromStageId null).")
    public Page<StageChangeView> stageHistory(@PathParam("id") UUID id) {
        List<StageChangeView> history = deals.stageHistory(id);
        return new Page<>(history, null, List.of());
    }
}
