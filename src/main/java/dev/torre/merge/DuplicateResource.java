package dev.torre.merge;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's likeliest duplicate pairs, and dismissing one. */
@Path("/v1/duplicates")
@Tag(name = "Imports and exports")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicateResource {

    @Inject
    DuplicateService duplicates;

    @GET
    @Operation(summary = "List likely duplicate pairs", description = """
            The tenant's active contacts (or companies) that may be one, best first, with the signals that matched.
            Kept current from writes by a background worker (seconds behind): a write that creates or removes a likely
            duplicate shows here shortly after; merged, archived and dismissed pairs are left out; limit 1-200.""")
    public List<DuplicatePairView> pairs(@QueryParam("objectType") String objectType, @QueryParam("limit") String limit) {
        return duplicates.pairs(objectType, limit);
    }

    @POST
    @Path("{id}/dismiss")
    @Operation(summary = "Dismiss a duplicate pair", description = """
            The two records are not one: the pair leaves the listing for good, whatever later writes do to them.
            Needs the write scope of the pair's kind; dismissing twice changes nothing.""")
    public DuplicatePairView dismiss(@PathParam("id") UUID pairId) {
        return duplicates.dismiss(pairId);
    }
}
