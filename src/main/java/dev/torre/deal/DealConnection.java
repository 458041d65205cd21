package dev.torre.deal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.rest.Page;

/** A Relay connection of deals. */
@Type("DealConnection")
public record DealConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One deal and the cursor to continue after it. */
    @Type("DealEdge")
    public record Edge(DealView node, String cursor) {
    }

    static DealConnection of(Page<DealView> page) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < page.data().size(); i++) {
            edges.add(new Edge(page.data().get(i), page.cursors().get(i)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new DealConnection(edges, new PageInfo(page.next() != null, endCursor));
    }
}
