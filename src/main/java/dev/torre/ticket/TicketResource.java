package dev.torre.ticket;

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

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.SearchRequest;
import dev.torre.platform.rest.ETags;
import dev.torre.platform.rest.Outcome;
import dev.torre.platform.rest.Page;
import dev.torre.platform.rest.Responses;

/** REST for tickets: translates HTTP to {@link TicketService} calls and back. */
@Path("/v1/tickets")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {

    @Inject
    TicketService tickets;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Open a ticket", description = "Without a priority, the tenant's priority rules set it; the first matching SLA policy starts its clocks.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TicketView.class)))
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull TicketInput input) {
        return idempotency.execute(key, "tickets.create", input, () -> {
            TicketView view = tickets.create(input);
            return Outcome.created("/v1/tickets/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a ticket", description = "With each SLA target's due time, remaining working time and breached flag.")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        TicketView view = tickets.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a ticket", description = "JSON Merge Patch. Status moves: nothing returns to new, closed is final; "
            + "leaving resolved reopens (reopenCount); pending and on_hold pause the resolution clock.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        TicketView view = tickets.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a ticket")
    public void archive(@PathParam("id") UUID id) {
        tickets.archive(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived ticket")
    public Response restore(@PathParam("id") UUID id) {
        TicketView view = tickets.restore(id);
        return Responses.readable(view, view.version(), null);
    }

    @POST
    @Path("{id}/csat")
    @Operation(summary = "Record the customer's satisfaction", description = "Score 1..5 and an optional comment; a later answer replaces an earlier one.")
    public Response csat(@PathParam("id") UUID id, @NotNull @Valid CsatInput csat) {
        TicketView view = tickets.rate(id, csat);
        return Responses.readable(view, view.version(), null);
    }

    @GET
    @Operation(summary = "List tickets", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<TicketView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return tickets.list(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @Path("search")
    @Operation(summary = "Search tickets", description = "Filter plus free text (q) over subject and description.")
    public Page<TicketView> search(@NotNull @Valid SearchRequest search) {
        return tickets.list(search.toListRequest());
    }

    @POST
    @Path("batch/upsert")
    @Operation(summary = "Create or update up to 1000 tickets", description = "One result per item, in order; a bad item fails alone.")
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    public Response batchUpsert(@HeaderParam("Idempotency-Key") String key, @NotNull BatchRequest batch) {
        return idempotency.execute(key, "tickets.batch", batch, () -> Outcome.ok(tickets.batchUpsert(batch))).toResponse();
    }
}
