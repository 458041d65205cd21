package dev.torre.interaction;

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

import dev.torre.platform.http.ETags;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.idempotency.Outcome;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SearchRequest;
import dev.torre.platform.rest.LargeBody;
import dev.torre.platform.rest.Responses;

/** REST for interactions: translates HTTP to {@link InteractionService} calls and back. */
@Path("/v1/interactions")
@Tag(name = "Interactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InteractionResource {

    @Inject
    InteractionService interactions;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Record an interaction", description = "The same message (externalMessageId and content) sent again answers 200 with the stored one; "
            + "another message under a stored externalMessageId is a 409. createUnknownContact=true makes a contact of an unknown inbound sender.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = InteractionView.class)))
    @APIResponse(responseCode = "200", description = "The same message again: the stored one", content = @Content(schema = @Schema(implementation = InteractionView.class)))
    public Response create(@HeaderParam("Idempotency-Key") String key, @QueryParam("createUnknownContact") boolean createUnknownContact,
            @NotNull InteractionInput input) {
        return idempotency.execute(key, "interactions.create", input, () -> {
            InteractionService.Recorded recorded = interactions.create(input, createUnknownContact);
            InteractionView view = recorded.view();
            return recorded.created() ? Outcome.created("/v1/interactions/" + view.id(), view.version(), view) : Outcome.ok(view);
        }).toResponse();
    }

    @POST
    @LargeBody
    @Path("batch")
    @Operation(operationId = "createInteractionsBatch", summary = "Record up to 1000 interactions", description = "For channel connectors: one result per item, in order "
            + "(created, unchanged, duplicate or error); a bad item fails alone.")
    public Response batch(@HeaderParam("Idempotency-Key") String key, InteractionBatchRequest batch) {
        return idempotency.execute(key, "interactions.batch", batch, () -> Outcome.ok(interactions.batch(batch))).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read an interaction")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        InteractionView view = interactions.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change an interaction", description = "JSON Merge Patch (RFC 7396).")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        InteractionView view = interactions.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive an interaction")
    public void archive(@PathParam("id") UUID id) {
        interactions.archive(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived interaction")
    public Response restore(@PathParam("id") UUID id) {
        InteractionView view = interactions.restore(id);
        return Responses.readable(view, view.version(), null);
    }

    @GET
    @Operation(summary = "List interactions", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<InteractionView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return interactions.list(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @Path("search")
    @Operation(summary = "Search interactions by filter")
    public Page<InteractionView> search(@NotNull @Valid SearchRequest search) {
        return interactions.list(search.toListRequest());
    }
}
