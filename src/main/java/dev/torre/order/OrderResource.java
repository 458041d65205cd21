package dev.torre.order;

import java.util.UUID;

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
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.rest.LargeBody;
import dev.torre.platform.rest.RecordEndpoints;

/** REST for orders: the shared record endpoints but search, in the words of a shop's orders. */
@Path("/v1/orders")
@Tag(name = "Orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource extends RecordEndpoints<OrderView, OrderInput> {

    public OrderResource(OrderService orders) {
        super(orders, OrderView::id, OrderView::version);
    }

    @POST
    @Operation(summary = "Create an order")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = OrderView.class)))
    public RestResponse<OrderView> create(@HeaderParam("Idempotency-Key") String key, @NotNull OrderInput input) {
        return created(key, input);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read an order", description = "Answers 304 when If-None-Match names the current ETag.")
    public RestResponse<OrderView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change an order", description = "JSON Merge Patch (RFC 7396). Status moves only forward: pending → paid/fulfilled/cancelled, paid → fulfilled/cancelled/refunded, fulfilled → refunded (409 otherwise).")
    public RestResponse<OrderView> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive an order", description = "Soft delete: the order leaves lists and can be restored.")
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived order")
    public RestResponse<OrderView> restore(@PathParam("id") UUID id) {
        return restored(id);
    }

    @GET
    @Operation(summary = "List orders", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<OrderView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listed(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @LargeBody
    @Path("batch/upsert")
    @Operation(summary = "Create or update up to 1000 orders", description = "For shops: match on externalId (the order number). The same payload twice reports unchanged; one result per item, in order; a bad item fails alone.")
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    public Response batchUpsert(@HeaderParam("Idempotency-Key") String key, @NotNull BatchRequest batch) {
        return upserted(key, batch);
    }
}
