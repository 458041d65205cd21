package dev.torre.interaction;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.rest.Page;

/** A Relay connection of interactions. */
@Type("InteractionConnection")
public record InteractionConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One interaction and the cursor to continue after it. */
    @Type("InteractionEdge")
    public record Edge(InteractionView node, String cursor) {
    }

    static InteractionConnection of(Page<InteractionView> page) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < page.data().size(); i++) {
            edges.add(new Edge(page.data().get(i), page.cursors().get(i)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new InteractionConnection(edges, new PageInfo(page.next() != null, endCursor));
    }
}
