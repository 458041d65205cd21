package dev.torre.interaction;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.query.Page;

/** The interactions of one company, newest first: a sub-resource kept beside the interactions it lists. */
@Path("/v1/companies/{id}/timeline")
@Tag(name = "Interactions")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyTimelineResource {

    @Inject
    InteractionService interactions;

    @GET
    @Operation(summary = "A company's timeline", description = "The company's interactions and its contacts', newest first.")
    public Page<InteractionView> timeline(@PathParam("id") UUID id,
            @Parameter(description = "Interaction types to keep, comma-separated (e.g. email,call)") @QueryParam("type") String type,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return interactions.companyTimeline(id, type, limit, cursor);
    }
}
