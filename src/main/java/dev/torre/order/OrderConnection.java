package dev.torre.order;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.rest.Page;

/** A Relay connection of orders. */
@Type("OrderConnection")
public record OrderConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One order and the cursor to continue after it. */
    @Type("OrderEdge")
    public record Edge(OrderView node, String cursor) {
    }

    static OrderConnection of(Page<OrderView> page) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < page.data().size(); i++) {
            edges.add(new Edge(page.data().get(i), page.cursors().get(i)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new OrderConnection(edges, new PageInfo(page.next() != null, endCursor));
    }
}
