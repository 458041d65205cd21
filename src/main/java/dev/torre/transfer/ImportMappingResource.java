package dev.torre.transfer;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.jboss.resteasy.reactive.RestResponse;

import dev.torre.platform.http.ETags;
import dev.torre.platform.query.Page;

/** REST for saved column mappings of imports. */
@Path("/v1/import-mappings")
@Tag(name = "Imports and exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImportMappingResource {

    @Inject
    ImportMappingService mappings;

    @POST
    @Operation(summary = "Save a column mapping", description = """
            Which field each file column fills, checked against the record's fields (and properties, links) and the
            fields hidden from your role. POST /v1/imports names it by mappingId.""")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "Saved; Location names it",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ImportMappingView.class)))
    public RestResponse<ImportMappingView> create(@NotNull ImportMappingInput input) {
        ImportMappingView view = mappings.create(input);
        return RestResponse.ResponseBuilder.<ImportMappingView>create(201).entity(view)
                .location(java.net.URI.create("/v1/import-mappings/" + view.id())).header("ETag", ETags.of(view.version())).build();
    }

    @GET
    @Operation(summary = "List column mappings", description = "Oldest first; filter on objectType or name.")
    public Page<ImportMappingView> list(@QueryParam("filter") String filter, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return mappings.list(filter, limit, cursor);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a column mapping")
    public ImportMappingView get(@PathParam("id") UUID id) {
        return mappings.get(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a column mapping", description = "Its name, kind and columns, checked as on creation.")
    public ImportMappingView replace(@PathParam("id") UUID id, @NotNull ImportMappingInput input) {
        return mappings.replace(id, input);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a column mapping", description = "Imports already queued with it are not affected.")
    public void delete(@PathParam("id") UUID id) {
        mappings.delete(id);
    }
}
