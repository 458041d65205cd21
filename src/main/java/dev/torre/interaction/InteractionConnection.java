package dev.torre.interaction;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of interactions. */
@Type("InteractionConnection")
public record InteractionConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One interaction and the cursor to continue after it. */
    @Type("InteractionEdge")
    public record Edge(InteractionView node, String cursor) {
    }

    static InteractionConnection of(Page<InteractionView> page) {
        return new InteractionConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
