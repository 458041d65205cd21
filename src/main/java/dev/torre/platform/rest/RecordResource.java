package dev.torre.platform.rest;

import dev.torre.platform.query.Page;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.SearchRequest;

/**
 * The REST endpoints every kind of record shares, declared once: create (Idempotency-Key,
 * 201 with Location and ETag), read (ETag, 304), JSON Merge Patch with If-Match, archive,
 * restore, list, search and batch upsert. A capability's resource extends it with its
 * {@code @Path} and a {@code @Tag} of its own, whose extensions name its record and may
 * replace a shared summary or description (see {@link RecordDocs}). A resource under a tag
 * it shares with others, or offering only some of these, extends {@link RecordEndpoints}.
 *
 * @param <V> the record's view
 * @param <I> its input
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class RecordResource<V, I> extends RecordEndpoints<V, I> {

    protected RecordResource(RecordService<?, I, V> records, Function<V, UUID> id, ToLongFunction<V> version) {
        super(records, id, version);
    }

    @POST
    @Operation(summary = "Create {a}", description = """
            With an Idempotency-Key, a retry gets the first answer. Contacts and companies that look like a stored
            active one (same normalised e-mail or E.164 phone, or same first and last name at the same company; for
            companies the same name or domain) are refused with 409, the problem's duplicates naming the matches and
            signals, unless onDuplicate=create.""",
            extensions = @Extension(name = RecordDocs.OPERATION, value = "create"))
    public RestResponse<V> create(@HeaderParam("Idempotency-Key") String key,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "reject (default) or create: what to do when the record looks like a stored one")
            @QueryParam("onDuplicate") String onDuplicate, @NotNull I input) {
        return created(key, onDuplicate, input);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read {a}", description = "Answers 304 when If-None-Match names the current ETag.",
            extensions = @Extension(name = RecordDocs.OPERATION, value = "read"))
    public RestResponse<V> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change {a}", description = "JSON Merge Patch (RFC 7396): fields left out keep their values, null clears one.",
            extensions = @Extension(name = RecordDocs.OPERATION, value = "change"))
    public RestResponse<V> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive {a}", description = "Soft delete: the {one} leaves lists and can be restored.",
            extensions = @Extension(name = RecordDocs.OPERATION, value = "archive"))
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived {one}", description = "The {one} returns to lists as it was.",
            extensions = @Extension(name = RecordDocs.OPERATION, value = "restore"))
    public RestResponse<V> restore(@PathParam("id") UUID id) {
        return restored(id);
    }

    @GET
    @Operation(summary = "List {many}", description = "Keyset pagination: pass the 'next' value back as cursor.",
            extensions = @Extension(name = RecordDocs.OPERATION, value = "list"))
    public Page<V> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listed(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @Path("search")
    @Operation(summary = "Search {many}", description = "Filter plus free text (q), accent- and case-insensitive. A read: Idempotency-Key is not needed.",
            extensions = @Extension(name = RecordDocs.OPERATION, value = "search"))
    public Page<V> search(@NotNull @Valid SearchRequest search) {
        return listed(search.toListRequest());
    }

    @POST
    @LargeBody
    @Path("batch/upsert")
    @Operation(summary = "Create or update up to 1000 {many}", description = "One result per item, in order; a bad item fails alone.",
            extensions = @Extension(name = RecordDocs.OPERATION, value = "batch"))
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    public Response batchUpsert(@HeaderParam("Idempotency-Key") String key, @NotNull BatchRequest batch) {
        return upserted(key, batch);
    }
}
