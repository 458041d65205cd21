package dev.torre.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of orders. */
@Type("OrderConnection")
public record OrderConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One order and the cursor to continue after it. */
    @Type("OrderEdge")
    public record Edge(OrderView node, String cursor) {
    }

    static OrderConnection of(Page<OrderView> page) {
        return new OrderConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
