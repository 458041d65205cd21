package dev.torre.transfer;

import java.io.InputStream;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.query.Page;

/** REST for imports: upload a file as a job, follow it, read its refused lines, cancel it. */
@Path("/v1/imports")
@Tag(name = "Imports and exports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    ImportService imports;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import a file", description = """
            The body is the file, streamed: text/csv (a header row naming the fields: firstName, email, tags as a
            ;-separated list, properties.<name> typed by the property definitions, source.utmSource for nested fields,
            <kind>ExternalId such as companyExternalId to link by the other record's externalId) or application/x-ndjson
            (one batch item per line). Empty cells leave a field as it is. The rows are stored, then written by a
            background job through the same batch upsert as POST /v1/<collection>/batch/upsert, 1000 at a time;
            one bad row fails alone. Answers 202 with the job; a header that does not fit is a 400 and queues nothing.""")
    @RequestBody(content = { @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    @APIResponse(responseCode = "202", description = "Queued; Location names the job", content = @Content(schema = @Schema(implementation = ImportJobView.class)))
    public Response start(
            @Parameter(description = "contact, company, deal, product or order") @QueryParam("objectType") String objectType,
            @Parameter(description = "The key that finds an existing record, as in batch upsert: externalId, id, or a unique field such as email") @QueryParam("matchOn") String matchOn,
            @Parameter(description = "true: validate every row and count what would happen, write nothing") @QueryParam("dryRun") String dryRun,
            @HeaderParam("Content-Type") String contentType, InputStream body) {
        ImportJobView job = imports.start(new ImportService.Request(objectType, matchOn, dryRun, contentType), body);
        return Response.accepted(job).header("Location", "/v1/imports/" + job.id()).build();
    }

    @GET
    @Operation(summary = "List imports", description = "Newest first; filter on status or objectType.")
    public Page<ImportJobView> list(@QueryParam("filter") String filter, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return imports.list(filter, limit, cursor);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read an import", description = "Its status and counters, with the rate so far.")
    public ImportJobView get(@PathParam("id") UUID id) {
        return imports.get(id);
    }

    @GET
    @Path("{id}/errors")
    @Operation(summary = "List an import's refused lines", description = "In the order of the file: line, field and problem.")
    public Page<ImportErrorView> errors(@PathParam("id") UUID id, @QueryParam("filter") String filter, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return imports.errors(id, filter, limit, cursor);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel an import", description = "Rows already written stay; the rest are dropped. 409 when it has already ended.")
    public ImportJobView cancel(@PathParam("id") UUID id) {
        return imports.cancel(id);
    }
}
