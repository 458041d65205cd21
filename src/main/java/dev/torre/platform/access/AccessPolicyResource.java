package dev.torre.platform.access;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST for the tenant's access policy (admin only). */
@Path("/v1/access-policy")
@Tag(name = "Access policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessPolicyResource {

    /** One role's access to one object type. */
    public record AccessInput(@NotNull Boolean read, @NotNull Boolean write, @Size(max = 100) List<String> hiddenFields) {
    }

    @Inject
    AccessPolicies policies;

    @GET
    @Operation(summary = "Who may read and write each object type, and which fields each role cannot see")
    public Map<String, Object> policy() {
        return Map.of("data", policies.policy(), "objectTypes",
                policies.types().stream().map(t -> Map.of("name", t.name(), "fields", t.fields())).toList());
    }

    @PUT
    @Path("{role}/{objectType}")
    @Operation(summary = "Set one role's access to one object type")
    public AccessPolicies.Entry set(@PathParam("role") String role, @PathParam("objectType") String objectType,
            @NotNull AccessInput input) {
        return policies.set(role, objectType, input.read(), input.write(), input.hiddenFields());
    }
}
