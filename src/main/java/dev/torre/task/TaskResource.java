package dev.torre.task;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.SearchRequest;
import dev.torre.platform.rest.ETags;
import dev.torre.platform.rest.Outcome;
import dev.torre.platform.rest.Page;
import dev.torre.platform.rest.Responses;

/** REST for tasks: translates HTTP to {@link TaskService} calls and back. */
@Path("/v1/tasks")
@Tag(name = "Tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    TaskService tasks;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Create a task")
    public Response create(@HeaderParam("Idempotency-Key") String key, @NotNull TaskInput input) {
        return idempotency.execute(key, "tasks.create", input, () -> {
            TaskView view = tasks.create(input);
            return Outcome.created("/v1/tasks/" + view.id(), view.version(), view);
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a task")
    public Response get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        TaskView view = tasks.get(id);
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a task", description = "JSON Merge Patch; status done sets completedAt and emits task.completed.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        TaskView view = tasks.update(id, patch, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a task")
    public void archive(@PathParam("id") UUID id) {
        tasks.archive(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived task")
    public Response restore(@PathParam("id") UUID id) {
        TaskView view = tasks.restore(id);
        return Responses.readable(view, view.version(), null);
    }

    @GET
    @Operation(summary = "List tasks", description = "Keyset pagination; overdue=true keeps open tasks past their due time.")
    public Page<TaskView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Parameter(description = "true: only open tasks past due; false: all others") @QueryParam("overdue") String overdue) {
        return tasks.list(ListRequest.of(filter, null, sort, limit, cursor), flag(overdue));
    }

    @POST
    @Path("search")
    @Operation(summary = "Search tasks by filter")
    public Page<TaskView> search(@NotNull @Valid SearchRequest search) {
        return tasks.list(search.toListRequest(), null);
    }

    private static Boolean flag(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw TorreException.invalidField(ErrorCode.INVALID_QUERY, "overdue", "invalid_value", "overdue is true or false");
        };
    }
}
