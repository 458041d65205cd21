package dev.torre.ticket;

import java.util.UUID;

import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.rest.ETags;
import dev.torre.platform.rest.Outcome;
import dev.torre.platform.rest.Page;
import dev.torre.platform.rest.Responses;

/** REST for the rules that set the priority of new tickets. */
@Path("/v1/ticket-priority-rules")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketPriorityRuleResource {

    @Inject
    TicketPriorityRuleService rules;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Create a priority rule")
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull TicketPriorityRuleInput input) {
        return idempotency.execute(key, "ticket-priority-rules.create", input, () -> {
            TicketPriorityRuleView view = rules.create(input);
            return Outcome.created("/v1/ticket-priority-rules/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a priority rule")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        TicketPriorityRuleView view = rules.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a priority rule")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        TicketPriorityRuleView view = rules.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a priority rule")
    public void archive(@PathParam("id") UUID id) {
        rules.archive(id);
    }

    @GET
    @Operation(summary = "List priority rules", description = "In the order they are tried.")
    public Page<TicketPriorityRuleView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return rules.list(limit, cursor);
    }
}
