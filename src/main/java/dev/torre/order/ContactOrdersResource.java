package dev.torre.order;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;

/** A contact's purchase history, a sub-resource kept beside the orders it lists. */
@Path("/v1/contacts/{id}/orders")
@Tag(name = "Orders")
@Produces(MediaType.APPLICATION_JSON)
public class ContactOrdersResource {

    @Inject
    OrderService orders;

    @GET
    @Operation(summary = "List a contact's orders", description = "Same filter, sort and cursor rules as the order list; default sort is by id.")
    public Page<OrderView> list(@PathParam("id") UUID contactId, @QueryParam("filter") String filter,
            @QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return orders.listOfContact(contactId, ListRequest.of(filter, null, sort, limit, cursor));
    }
}
