package dev.torre.workflow;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of a workflow's runs. */
@Type("WorkflowRunConnection")
public record RunConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One run and the cursor to continue after it. */
    @Type("WorkflowRunEdge")
    public record Edge(RunView node, String cursor) {
    }

    static RunConnection of(Page<RunView> page) {
        return new RunConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
