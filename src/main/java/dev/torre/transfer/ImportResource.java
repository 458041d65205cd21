package dev.torre.transfer;

import java.io.InputStream;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import dev.torre.platform.rest.LargeBody;

/** REST for imports: upload a file as a job, follow it, read its refused lines, cancel it. */
@Path("/v1/imports")
@Tag(name = "Imports and exports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    ImportService imports;

    @Inject
    ImportUploads uploads;

    @POST
    @LargeBody
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import a file", description = """
            The body is the file, streamed: text/csv (a header row naming the fields: firstName, email, tags as a
            ;-separated list, properties.<name> typed by the property definitions, source.utmSource for nested fields,
            <kind>ExternalId such as companyExternalId to link by the other record's externalId) or application/x-ndjson
            (one batch item per line). Empty cells leave a field as it is. The rows are stored, then written by a
            background job through the same batch upsert as POST /v1/<collection>/batch/upsert, 1000 at a time;
            one bad row fails alone. Answers 202 with the job; a header that does not fit is a 400 and queues nothing.
            mappingId names a saved column mapping (/v1/import-mappings) that renames the file's columns first. A file
            larger than this operation's body limit (8 MB) is sent as an upload (POST /v1/imports/uploads, then its parts) and named
            here by uploadId, with an empty body. With an Idempotency-Key, the same key, options and file answer the
            first job instead of importing twice.""")
    @RequestBody(content = { @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    @APIResponse(responseCode = "202", description = "Queued; Location names the job", content = @Content(schema = @Schema(implementation = ImportJobView.class)))
    public Response start(
            @Parameter(description = "contact, company, deal, product or order") @QueryParam("objectType") String objectType,
            @Parameter(description = "The key that finds an existing record, as in batch upsert: externalId, id, or a unique field such as email") @QueryParam("matchOn") String matchOn,
            @Parameter(description = "true: validate every row and count what would happen, write nothing") @QueryParam("dryRun") String dryRun,
            @Parameter(description = "A saved column mapping's id: the file's columns are renamed by it") @QueryParam("mappingId") String mappingId,
            @Parameter(description = "An upload's id (POST /v1/imports/uploads): the file is read from its parts, the body stays empty") @QueryParam("uploadId") String uploadId,
            @HeaderParam("Idempotency-Key") String key, @HeaderParam("Content-Type") String contentType, InputStream body) {
        return imports.start(new ImportService.Request(objectType, matchOn, dryRun, contentType, mappingId, uploadId), body, key).toResponse();
    }

    @POST
    @Path("uploads")
    @Operation(summary = "Open an upload", description = """
            For a file larger than the body limit: send it as numbered parts (PUT /v1/imports/uploads/{id}/parts/{n},
            each within the limit, cut anywhere), then start the import with uploadId. Unused uploads are deleted after a day.""")
    @APIResponse(responseCode = "201", description = "Opened", content = @Content(schema = @Schema(implementation = ImportUploads.UploadView.class)))
    public Response openUpload() {
        ImportUploads.UploadView upload = uploads.open();
        return Response.status(201).entity(upload).header("Location", "/v1/imports/uploads/" + upload.id()).build();
    }

    @GET
    @Path("uploads/{id}")
    @Operation(summary = "Read an upload", description = "How many parts and bytes it holds so far.")
    public ImportUploads.UploadView upload(@PathParam("id") UUID id) {
        return uploads.get(id);
    }

    @PUT
    @LargeBody
    @Path("uploads/{id}/parts/{part}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a part of an upload", description = """
            Parts are numbered from 1 without gaps and joined in that order; a part sent again replaces the first,
            so a failed part can simply be sent again.""")
    @RequestBody(content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public ImportUploads.UploadView putPart(@PathParam("id") UUID id, @PathParam("part") String part,
            @HeaderParam("Content-Type") String contentType, InputStream body) {
        return uploads.putPart(id, part, contentType, body);
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
