package dev.torre.scoring;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.http.ETags;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.rest.Responses;

/** REST for scoring settings, models and their training jobs, recomputes and the sellers' next best leads. */
@Path("/v1/scoring")
@Tag(name = "Scoring")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScoringResource {

    @Inject
    ScoringSettingsService settings;

    @Inject
    ScoringModelService models;

    @Inject
    LeadScoreService scores;

    /** A list answer without paging: the whole list fits in one page. */
    public record Listing<T>(List<T> data) {
    }

    @GET
    @Path("settings")
    @Operation(summary = "Read the scoring settings")
    public Response settings(@HeaderParam("If-None-Match") String ifNoneMatch) {
        ScoringSettingsView view = settings.get();
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("settings")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change the scoring settings", description = "JSON Merge Patch: blend weight, change step, thresholds, training label window and minimum examples.")
    public Response updateSettings(@HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        ScoringSettingsView view = settings.update(patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @POST
    @Path("models/{kind}/train")
    @Operation(summary = "Train a model", description = "Queues a training job and answers 202 with it; 409 with the running job if one is queued or running.")
    @APIResponse(responseCode = "202", description = "Queued; Location names the job", content = @Content(schema = @Schema(implementation = TrainingJobView.class)))
    public Response train(@PathParam("kind") String kind) {
        TrainingJobView job = models.train(kind);
        return Response.accepted(job).header("Location", "/v1/scoring/jobs/" + job.id()).build();
    }

    @GET
    @Path("models/{kind}")
    @Operation(summary = "Read the latest model of a kind", description = "Ready (with metrics) or insufficient_data (with the counts).")
    public ScoringModelView model(@PathParam("kind") String kind) {
        return models.latest(kind);
    }

    @GET
    @Path("jobs/{id}")
    @Operation(summary = "Read a training job", description = "Status, phase and progress (0-100).")
    public TrainingJobView job(@PathParam("id") UUID id) {
        return models.job(id);
    }

    @POST
    @Path("recompute")
    @Operation(summary = "Rescore every contact of the tenant", description = "Answers 202 at once with how many active"
            + " contacts will be scored again; the scoring worker does it in bounded batches, serving other tenants in between.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = LeadScoreService.RescoreRequested.class)))
    public Response recompute() {
        return Response.accepted(scores.recomputeAll()).build();
    }

    @GET
    @Path("next-best-leads")
    @Operation(summary = "The leads a seller should call first", description = "Open leads (subscriber to sql) ordered by score, with their top reasons.")
    public Listing<LeadScoreService.Lead> nextBestLeads(
            @Parameter(description = "Only this owner's leads") @QueryParam("owner") String owner,
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") String limit) {
        return new Listing<>(scores.nextBestLeads(owner, limit == null ? 20 : ListRequest.wholeNumber("limit", limit)));
    }
}
