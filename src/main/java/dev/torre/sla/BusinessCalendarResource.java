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

/** REST for business calendars. */
@Path("/v1/business-calendars")
@Tag(name = "SLA policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BusinessCalendarResource {

    @Inject
    BusinessCalendarService calendars;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Create a business calendar")
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull BusinessCalendarInput input) {
        return idempotency.execute(key, "business-calendars.create", input, () -> {
            BusinessCalendarView view = calendars.create(input);
            return Outcome.created("/v1/business-calendars/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a business calendar")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        BusinessCalendarView view = calendars.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a business calendar", description = "JSON Merge Patch; tickets keep the terms they were given at creation.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        BusinessCalendarView view = calendars.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a business calendar")
    public void archive(@PathParam("id") UUID id) {
        calendars.archive(id);
    }

    @GET
    @Operation(summary = "List business calendars")
    public Page<BusinessCalendarView> list(@QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return calendars.list(dev.torre.platform.query.ListRequest.of(null, null, sort, limit, cursor));
    }
}
