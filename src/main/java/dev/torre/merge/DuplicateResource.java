package dev.torre.merge;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's likeliest duplicate pairs. */
@Path("/v1/duplicates")
@Tag(name = "Imports and exports")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicateResource {

    @Inject
    DuplicateService duplicates;

    @GET
    @Operation(summary = "List likely duplicate pairs", description = """
            The tenant's active contacts (or companies) that may be one, best first, with the signals that matched.
            Computed when asked, from the current records (the trigram and key indexes bound the work); limit 1-200.""")
    public List<DuplicatePairView> pairs(@QueryParam("objectType") String objectType, @QueryParam("limit") String limit) {
        return duplicates.pairs(objectType, limit);
    }
}
