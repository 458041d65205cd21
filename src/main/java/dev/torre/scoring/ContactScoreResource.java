package dev.torre.scoring;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A contact's lead score and why. */
@Path("/v1/contacts/{id}/score")
@Tag(name = "Scoring")
@Produces(MediaType.APPLICATION_JSON)
public class ContactScoreResource {

    @Inject
    LeadScoreService scores;

    @GET
    @Operation(summary = "Read a contact's lead score", description = "The value (0-100), the rules and model versions that computed it, when, and its factors in points, largest first.")
    public ScoreView get(@PathParam("id") UUID id) {
        return scores.score(id);
    }
}
