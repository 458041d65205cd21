package dev.torre.task;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of tasks. */
@Type("TaskConnection")
public record TaskConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One task and the cursor to continue after it. */
    @Type("TaskEdge")
    public record Edge(TaskView node, String cursor) {
    }

    static TaskConnection of(Page<TaskView> page) {
        return new TaskConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
