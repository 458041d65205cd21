package dev.torre.scoring;

import java.util.List;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.http.ETags;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.idempotency.Outcome;
import dev.torre.platform.query.Page;
import dev.torre.platform.rest.Responses;

/** REST for the tenant's lead scoring rules. */
@Path("/v1/scoring/rules")
@Tag(name = "Scoring")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScoringRuleResource {

    @Inject
    ScoringRuleService rules;

    @Inject
    Idempotency idempotency;

    @GET
    @Operation(summary = "List the scoring rules", description = "All active rules (at most 100), oldest first; a new tenant starts with a default set.")
    public Page<ScoringRuleView> list() {
        return new Page<>(rules.list(), null, List.of());
    }

    @POST
    @Operation(summary = "Create a scoring rule")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = ScoringRuleView.class)))
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull ScoringRuleInput input) {
        return idempotency.execute(key, "scoring.rules.create", input, () -> {
            ScoringRuleView view = rules.create(input);
            return Outcome.created("/v1/scoring/rules/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a scoring rule")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        ScoringRuleView view = rules.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a scoring rule", description = "JSON Merge Patch; scores follow within seconds.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        ScoringRuleView view = rules.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a scoring rule", description = "The rule stops counting; scores follow within seconds.")
    public void archive(@PathParam("id") UUID id) {
        rules.archive(id);
    }
}
