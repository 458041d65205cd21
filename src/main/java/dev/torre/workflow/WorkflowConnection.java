package dev.torre.workflow;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of workflows. */
@Type("WorkflowConnection")
public record WorkflowConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One workflow and the cursor to continue after it. */
    @Type("WorkflowEdge")
    public record Edge(WorkflowView node, String cursor) {
    }

    static WorkflowConnection of(Page<WorkflowView> page) {
        return new WorkflowConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
