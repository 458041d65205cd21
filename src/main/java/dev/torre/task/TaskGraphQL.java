package dev.torre.task;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;

/** GraphQL for tasks; every field resolves through {@link TaskService}. */
@GraphQLApi
@TranslateErrors
public class TaskGraphQL {

    @Inject
    TaskService tasks;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    @Query
    public TaskView task(@NonNull @Id String id) {
        return tasks.get(graphql.id(id));
    }

    @Query
    @Description("Tasks in pages; overdue true keeps the open ones past their due time")
    public TaskConnection tasks(String filter, WhereInput where, List<String> sort, Integer first, String after, Boolean overdue) {
        return TaskConnection.of(tasks.list(graphql.listRequest(filter, where, sort, first, after), overdue));
    }

    @Mutation
    public TaskView createTask(@NonNull TaskWrite input) {
        return tasks.create(inputs.bind(graphql.toPatch(input, null), TaskInput.class));
    }

    @Mutation
    @Description("Changes the fields given; fields named in clear are emptied")
    public TaskView updateTask(@NonNull @Id String id, @NonNull TaskWrite input, List<String> clear, Long expectedVersion) {
        return tasks.update(graphql.id(id), graphql.toPatch(input, clear), expectedVersion);
    }
}
