package dev.torre.task;

import java.util.UUID;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SearchRequest;
import dev.torre.platform.rest.RecordEndpoints;

/** REST for tasks: the shared record endpoints but batch upsert, and a list that can keep the overdue ones. */
@Path("/v1/tasks")
@Tag(name = "Tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource extends RecordEndpoints<TaskView, TaskInput> {

    private final TaskService tasks;

    public TaskResource(TaskService tasks) {
        super(tasks, TaskView::id, TaskView::version);
        this.tasks = tasks;
    }

    @POST
    @Operation(summary = "Create a task")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = TaskView.class)))
    public RestResponse<TaskView> create(@HeaderParam("Idempotency-Key") String key, @NotNull TaskInput input) {
        return created(key, input);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a task")
    public RestResponse<TaskView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a task", description = "JSON Merge Patch; status done sets completedAt and emits task.completed.")
    public RestResponse<TaskView> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Archive a task")
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore an archived task")
    public RestResponse<TaskView> restore(@PathParam("id") UUID id) {
        return restored(id);
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
        return listed(search.toListRequest());
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
