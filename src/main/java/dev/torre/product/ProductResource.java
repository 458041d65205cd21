package dev.torre.product;

import java.util.UUID;

import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.SearchRequest;
import dev.torre.platform.rest.ETags;
import dev.torre.platform.rest.Outcome;
import dev.torre.platform.rest.Page;
import dev.torre.platform.rest.Responses;

/** REST for products: translates HTTP to {@link ProductService} calls and back. */
@Path("/v1/products")
@Tag(name = "Products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    @Inject
    ProductService products;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Create a product", description = "The SKU must be unused among active products.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = ProductView.class)))
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull ProductInput input) {
        return idempotency.execute(key, "products.create", input, () -> {
            ProductView view = products.create(input);
            return Outcome.created("/v1/products/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a product", description = "Answers 304 when If-None-Match names the current ETag.")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        ProductView view = products.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a product", description = "JSON Merge Patch (RFC 7396): fields left out keep their values, null clears one.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        ProductView view = products.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a product", description = "Soft delete: the product leaves lists and can be restored.")
    public void archive(@PathParam("id") UUID id) {
        products.archive(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived product")
    public Response restore(@PathParam("id") UUID id) {
        ProductView view = products.restore(id);
        return Responses.readable(view, view.version(), null);
    }

    @GET
    @Operation(summary = "List products", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<ProductView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return products.list(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @Path("search")
    @Operation(summary = "Search products", description = "Filter plus free text (q) over name, SKU and category. A read: Idempotency-Key is not needed.")
    public Page<ProductView> search(@NotNull @Valid SearchRequest search) {
        return products.list(search.toListRequest());
    }

    @POST
    @Path("batch/upsert")
    @Operation(summary = "Create or update up to 1000 products", description = "One result per item, in order; a bad item fails alone.")
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    public Response batchUpsert(@HeaderParam("Idempotency-Key") String key, @NotNull BatchRequest batch) {
        return idempotency.execute(key, "products.batch", batch, () -> Outcome.ok(products.batchUpsert(batch))).toResponse();
    }
}
