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

/** An open deal's predicted win probability and why. */
@Path("/v1/deals/{id}/win-prediction")
@Tag(name = "Scoring")
@Produces(MediaType.APPLICATION_JSON)
public class WinPredictionResource {

    @Inject
    PredictionService predictions;

    @GET
    @Operation(summary = "Read an open deal's win prediction", description = "The deal_win model's probability (0-1) as of its last refresh (training, a change of the deal, or the daily pass), with the largest logit parts; 404 for closed deals or before a model is ready.")
    public WinPredictionView get(@PathParam("id") UUID id) {
        return predictions.winPrediction(id);
    }
}
