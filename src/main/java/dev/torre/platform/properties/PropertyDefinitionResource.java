package dev.torre.platform.properties;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST for custom property definitions (admin writes). */
@Path("/v1/property-definitions")
@Tag(name = "Property definitions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PropertyDefinitionResource {

    @Inject
    PropertyDefinitions definitions;

    @POST
    @Operation(summary = "Define a custom property of an object type")
    @APIResponse(responseCode = "201", description = "Created; Location is set", content = @Content(schema = @Schema(implementation = PropertyDefinitionView.class)))
    public Response define(@NotNull PropertyDefinitionInput input) {
        PropertyDefinitionView view = definitions.define(input);
        return Response.status(201).entity(view).location(java.net.URI.create("/v1/property-definitions/" + view.id())).build();
    }

    @GET
    @Operation(summary = "The property definitions, optionally of one object type")
    public Map<String, List<PropertyDefinitionView>> list(@QueryParam("objectType") String objectType) {
        return Map.of("data", definitions.list(objectType));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a definition", description = "Values already stored stay; new values are no longer checked.")
    public void remove(@PathParam("id") UUID id) {
        definitions.remove(id);
    }
}
