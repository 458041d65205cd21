package dev.torre.platform.audit;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.query.ListRequest;

/** REST for the audit trail (admin, legal) and the bulk-read guard's blocks and thresholds (admin). */
@Path("/v1")
@Tag(name = "Audit and security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrail trail;

    @Inject
    BulkReadGuard guard;

    @GET
    @Path("audit")
    @Operation(summary = "The audit trail", description = "Every write (from the event log) and every bulk read (list, search and export pages) with actor, client ip and record count, newest first. Narrow with to= to read further back.")
    public Map<String, List<AuditEntry>> audit(@QueryParam("actor") String actor, @QueryParam("entityType") String entityType,
            @QueryParam("entityId") String entityId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit) {
        int size = limit == null ? 100 : ListRequest.wholeNumber("limit", limit);
        return Map.of("data", trail.read(actor, entityType, entityId, from, to, size));
    }

    @GET
    @Path("security/blocks")
    @Operation(summary = "Actors whose bulk reads are blocked")
    public Map<String, List<Map<String, Object>>> blocks() {
        return Map.of("data", guard.blocks());
    }

    @POST
    @Path("security/blocks/{actor}/lift")
    @Operation(summary = "Lift the bulk-read block on an actor", description = "Their hourly count starts again from the lift.")
    public Map<String, Object> lift(@PathParam("actor") String actor) {
        return guard.lift(actor);
    }

    @GET
    @Path("security/bulk-read-policy")
    @Operation(summary = "The tenant's bulk-read thresholds")
    public BulkReadPolicy policy() {
        return guard.currentPolicy();
    }

    @PUT
    @Path("security/bulk-read-policy")
    @Operation(summary = "Set the tenant's bulk-read thresholds and working hours")
    public BulkReadPolicy setPolicy(@NotNull BulkReadPolicy policy) {
        return guard.setPolicy(policy);
    }
}
