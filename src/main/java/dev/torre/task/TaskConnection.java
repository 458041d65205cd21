package dev.torre.task;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.rest.Page;

/** A Relay connection of tasks. */
@Type("TaskConnection")
public record TaskConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One task and the cursor to continue after it. */
    @Type("TaskEdge")
    public record Edge(TaskView node, String cursor) {
    }

    static TaskConnection of(Page<TaskView> page) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < page.data().size(); i++) {
            edges.add(new Edge(page.data().get(i), page.cursors().get(i)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new TaskConnection(edges, new PageInfo(page.next() != null, endCursor));
    }
}
