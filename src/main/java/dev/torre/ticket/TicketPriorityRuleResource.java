package dev.torre.ticket;

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

/** REST for the rules that set the priority of new tickets: the shared record endpoints it offers, in its own words. */
@Path("/v1/ticket-priority-rules")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketPriorityRuleResource extends RecordEndpoints<TicketPriorityRuleView, TicketPriorityRuleInput> {

    public TicketPriorityRuleResource(TicketPriorityRuleService rules) {
        super(rules, TicketPriorityRuleView::id, TicketPriorityRuleView::version);
    }

    @POST
    @Operation(summary = "Create a priority rule")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = TicketPriorityRuleView.class)))
    public RestResponse<TicketPriorityRuleView> create(@HeaderParam("Idempotency-Key") String key, @NotNull TicketPriorityRuleInput input) {
        return created(key, input);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a priority rule")
    public RestResponse<TicketPriorityRuleView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a priority rule")
    public RestResponse<TicketPriorityRuleView> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a priority rule")
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @GET
    @Operation(summary = "List priority rules", description = "In the order they are tried.")
    public Page<TicketPriorityRuleView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listed(ListRequest.of(null, null, "position", limit, cursor));
    }
}
