package dev.torre.overview;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The 360° view of a contact. */
@Path("/v1/contacts/{id}/overview")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactOverviewResource {

    @Inject
    ContactOverviewService overviews;

    @GET
    @Operation(summary = "A contact's 360° overview", description = "Profile, company, open tickets with SLA state, the last 20 interactions, "
            + "open tasks, open deals, the last 20 orders and counters (lifetime value per currency, lead score), in a fixed number of queries.")
    public ContactOverviewView overview(@PathParam("id") UUID id) {
        return overviews.overview(id);
    }
}
