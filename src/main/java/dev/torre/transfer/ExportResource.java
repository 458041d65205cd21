package dev.torre.transfer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.query.Page;

/** REST for exports: ask for a file of the records a filter selects, follow the job, download the file. */
@Path("/v1/exports")
@Tag(name = "Imports and exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExportResource {

    @Inject
    ExportService exports;

    @POST
    @Operation(summary = "Export records", description = """
            Queues a job that writes the records the filter selects (the list filter grammar) as CSV or NDJSON, read as
            you: fields hidden from your role never appear, and the rows count toward your bulk reads. Answers 202.""")
    @APIResponse(responseCode = "202", description = "Queued; Location names the job", content = @Content(schema = @Schema(implementation = ExportJobView.class)))
    public Response start(@NotNull ExportInput input) {
        ExportJobView job = exports.start(input);
        return Response.accepted(job).header("Location", "/v1/exports/" + job.id()).build();
    }

    @GET
    @Operation(summary = "List exports", description = "Newest first; filter on status or objectType.")
    public Page<ExportJobView> list(@QueryParam("filter") String filter, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return exports.list(filter, limit, cursor);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read an export", description = "Its status and how many records it has written.")
    public ExportJobView get(@PathParam("id") UUID id) {
        return exports.get(id);
    }

    @GET
    @Path("{id}/file")
    @Produces({ "text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON })
    @Operation(summary = "Download an export's file", description = "Streamed; 409 until the export is completed. The file holds what its"
            + " requester may read, so only they may download it (anyone else: 404), and only while their token may read those records (403).")
    @APIResponse(responseCode = "200", description = "The file", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Response file(@PathParam("id") UUID id) {
        ExportService.File file = exports.file(id);
        StreamingOutput body = out -> {
            for (int seq = 0; seq < file.parts(); seq++) {
                out.write(exports.part(id, seq).getBytes(StandardCharsets.UTF_8));
            }
        };
        return Response.ok(body, file.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file.name() + "\"").build();
    }
}
