package dev.torre.team;

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

/** REST for teams: the shared record endpoints but search and batch. */
@Path("/v1/teams")
@Tag(name = "Teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource extends RecordEndpoints<TeamView, TeamInput> {

    public TeamResource(TeamService teams) {
        super(teams, TeamView::id, TeamView::version);
    }

    @POST
    @Operation(summary = "Create a team", description = "A name and its members' user ids, in the order round-robin assignment takes them.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = TeamView.class)))
    public RestResponse<TeamView> create(@HeaderParam("Idempotency-Key") String key, @NotNull TeamInput input) {
        return created(key, input);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a team")
    public RestResponse<TeamView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a team", description = "JSON Merge Patch; members is replaced whole. The rotation goes on from its"
            + " position among the new members.")
    public RestResponse<TeamView> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a team", description = "Workflow steps that assign to it are skipped (reason team_unavailable) until it is restored.")
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived team")
    public RestResponse<TeamView> restore(@PathParam("id") UUID id) {
        return restored(id);
    }

    @GET
    @Operation(summary = "List teams", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<TeamView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listed(ListRequest.of(filter, null, sort, limit, cursor));
    }
}
