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

/** A customer's churn risk and why. (Its own class: a resource at /v1 would lose to the contacts resource's path.) */
@Path("/v1/contacts/{id}/churn-risk")
@Tag(name = "Scoring")
@Produces(MediaType.APPLICATION_JSON)
public class ChurnRiskResource {

    @Inject
    PredictionService predictions;

    @GET
    @Operation(summary = "Read a customer's churn risk", description = "The churn model's probability (0-1) that the customer places no paid order and starts no inbound interaction within the churn window, as of its last refresh, with the largest logit parts; 404 for contacts that are not customers or before a model is ready.")
    public ChurnRiskView get(@PathParam("id") UUID id) {
        return predictions.churnRisk(id);
    }
}
