package dev.torre.privacy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** REST for retention rules (admin, legal). */
@Path("/v1/retention-policies")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RetentionPolicyResource {

    @Inject
    RetentionService retention;

    @POST
    @Operation(summary = "Add a retention rule", description = "e.g. delete interactions of type web_visit older than 180 days; anonymise contacts archived for more than 730 days.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = RetentionPolicyView.class)))
    public Response define(@NotNull RetentionPolicyInput input) {
        return Response.status(201).entity(retention.define(input)).build();
    }

    @GET
    @Operation(summary = "The tenant's retention rules")
    public Map<String, List<RetentionPolicyView>> list() {
        return Map.of("data", retention.list());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a retention rule")
    public void remove(@PathParam("id") UUID id) {
        retention.remove(id);
    }

    @POST
    @Path("apply")
    @Operation(summary = "Apply the rules now, one bounded batch each", description = "The scheduled job does the same hourly. Answers how many records each rule handled.")
    public Map<String, Map<String, Integer>> apply() {
        return Map.of("handled", retention.applyNow());
    }
}
