package dev.torre.platform.feed;

import dev.torre.platform.feed.EventFeed;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.ListRequest;

/** The change feed: every write of the tenant, in order, resumable from a cursor. */
@Path("/v1/events")
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    @Inject
    EventFeed feed;

    @GET
    @Operation(summary = "Read the change feed",
            description = "Events in a stable order per tenant. 'next' is always set: poll with it to receive later events.")
    public EventFeed.Page read(
            @Parameter(description = "The 'next' value of the previous page; omit to start at the beginning") @QueryParam("after") String after,
            @Parameter(description = "Comma-separated event types, e.g. contact.created,company.*") @QueryParam("types") String types,
            @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit) {
        int size = limit == null ? 100 : ListRequest.wholeNumber("limit", limit);
        if (size < 1 || size > 1000) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "limit must be between 1 and 1000",
                    List.of(new FieldError("limit", "out_of_range", "Between 1 and 1000")));
        }
        List<String> typeList = types == null || types.isBlank() ? List.of()
                : Arrays.stream(types.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        return feed.read(after, typeList, size);
    }
}
