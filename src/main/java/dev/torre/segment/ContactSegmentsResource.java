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

import dev.torre.contact.ContactLookupService;

/** The segments one contact belongs to: a sub-resource kept beside the segments it lists. */
@Path("/v1/contacts/{id}/segments")
@Tag(name = "Segments")
@Produces(MediaType.APPLICATION_JSON)
public class ContactSegmentsResource {

    @Inject
    ContactLookupService records;

    @Inject
    SegmentService segments;

    @GET
    @Operation(summary = "The segments a contact belongs to", description = "Live dynamic and static segments, in name order;"
            + " needs segments:read and contacts:read. 404 for a contact that does not exist.")
    public RecordSegments segments(@PathParam("id") UUID id) {
        records.get(id);
        return new RecordSegments(segments.segmentsOf("contact", List.of(id)).getOrDefault(id, List.of()));
    }
}
