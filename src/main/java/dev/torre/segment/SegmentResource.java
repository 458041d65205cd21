package dev.torre.segment;

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

/** REST for segments: the shared record endpoints but search and batch, and the members of each segment. */
@Path("/v1/segments")
@Tag(name = "Segments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SegmentResource extends RecordEndpoints<SegmentView, SegmentInput> {

    private final SegmentService segments;

    public SegmentResource(SegmentService segments) {
        super(segments, SegmentView::id, SegmentView::version);
        this.segments = segments;
    }

    @POST
    @Operation(summary = "Create a segment", description = "A dynamic segment answers at once with status backfilling; the segment worker fills it with the records its filter matches in bounded batches (backfill.processed of backfill.total), then it is ready.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = SegmentView.class)))
    public RestResponse<SegmentView> create(@HeaderParam("Idempotency-Key") String key, @NotNull SegmentInput input) {
        return created(key, input);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a segment")
    public RestResponse<SegmentView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a segment", description = "JSON Merge Patch; a new filter starts a new backfill (status backfilling until the worker has gone through every record). objectType cannot change.")
    public RestResponse<SegmentView> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a segment", description = "It leaves lists and is no longer kept current; restoring it catches up.")
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived segment")
    public RestResponse<SegmentView> restore(@PathParam("id") UUID id) {
        return restored(id);
    }

    @GET
    @Operation(summary = "List segments", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<SegmentView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listed(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @GET
    @Path("{id}/members")
    @Operation(summary = "List a segment's members", description = "Active records only, in id order; keyset pages. Needs the read scope of the segment's object type too.")
    public Page<SegmentMemberView> members(@PathParam("id") UUID id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return segments.members(id, ListRequest.of(null, null, null, limit, cursor));
    }

    @POST
    @Path("{id}/members")
    @Operation(summary = "Add records to a static segment", description = "Adding a member again changes nothing; a dynamic segment's members follow its filter (409).")
    public SegmentView addMembers(@PathParam("id") UUID id, @NotNull MembersInput input) {
        return segments.addMembers(id, input);
    }

    @DELETE
    @Path("{id}/members/{recordId}")
    @Operation(summary = "Take a record out of a static segment", description = "404 when the record is not a member.")
    public void removeMember(@PathParam("id") UUID id, @PathParam("recordId") UUID recordId) {
        segments.removeMember(id, recordId);
    }
}
