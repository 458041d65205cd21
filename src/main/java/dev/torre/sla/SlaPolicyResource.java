package dev.torre.sla;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.rest.ETags;
import dev.torre.platform.rest.Outcome;
import dev.torre.platform.rest.Page;
import dev.torre.platform.rest.Responses;

/** REST for SLA policys. */
@Path("/v1/sla-policies")
@Tag(name = "SLA policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SlaPolicyResource {

    @Inject
    SlaPolicyService policies;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Create a SLA policy")
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull SlaPolicyInput input) {
        return idempotency.execute(key, "sla-policies.create", input, () -> {
            SlaPolicyView view = policies.create(input);
            return Outcome.created("/v1/sla-policies/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a SLA policy")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        SlaPolicyView view = policies.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a SLA policy", description = "JSON Merge Patch; tickets keep the terms they were given at creation.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        SlaPolicyView view = policies.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a SLA policy")
    public void archive(@PathParam("id") UUID id) {
        policies.archive(id);
    }

    @GET
    @Operation(summary = "List SLA policys")
    public Page<SlaPolicyView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return policies.list(limit, cursor);
    }
}
