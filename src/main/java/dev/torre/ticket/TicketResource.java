package dev.torre.ticket;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.rest.RecordDocs;
import dev.torre.platform.rest.RecordResource;
import dev.torre.platform.rest.Responses;

/** REST for tickets: the shared record endpoints over {@link TicketService}, and the customer's rating. */
@Path("/v1/tickets")
@Tag(name = "Tickets", extensions = {
        @Extension(name = RecordDocs.ONE, value = "ticket"),
        @Extension(name = RecordDocs.MANY, value = "tickets"),
        @Extension(name = "x-create-summary", value = "Open a ticket"),
        @Extension(name = "x-create", value = "Without a priority, the tenant's priority rules set it; the first matching SLA policy starts its clocks."),
        @Extension(name = "x-read", value = "With each SLA target's due time, remaining working time and breached flag."),
        @Extension(name = "x-change", value = "JSON Merge Patch. Status moves: nothing returns to new, closed is final; "
                + "leaving resolved reopens (reopenCount); pending and on_hold pause the resolution clock."),
        @Extension(name = "x-search", value = "Filter plus free text (q) over subject and description.") })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource extends RecordResource<TicketView, TicketInput> {

    private final TicketService tickets;

    public TicketResource(TicketService tickets) {
        super(tickets, TicketView::id, TicketView::version);
        this.tickets = tickets;
    }

    @POST
    @Path("{id}/csat")
    @Operation(summary = "Record the customer's satisfaction", description = "Score 1..5 and an optional comment; a later answer replaces an earlier one.")
    public Response csat(@PathParam("id") UUID id, CsatInput csat) {
        TicketView view = tickets.rate(id, csat);
        return Responses.readable(view, view.version(), null);
    }
}
