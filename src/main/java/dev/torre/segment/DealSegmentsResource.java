package dev.torre.segment;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.deal.DealService;

/** The segments one deal belongs to: a sub-resource kept beside the segments it lists. */
@Path("/v1/deals/{id}/segments")
@Tag(name = "Segments")
@Produces(MediaType.APPLICATION_JSON)
public class DealSegmentsResource {

    @Inject
    DealService records;

    @Inject
    SegmentService segments;

    @GET
    @Operation(summary = "The segments a deal belongs to", description = "Live dynamic and static segments, in name order;"
            + " needs segments:read and deals:read. 404 for a deal that does not exist.")
    public RecordSegments segments(@PathParam("id") UUID id) {
        records.get(id);
        return new RecordSegments(segments.segmentsOf("deal", List.of(id)).getOrDefault(id, List.of()));
    }
}
