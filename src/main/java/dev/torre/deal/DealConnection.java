package dev.torre.deal;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of deals. */
@Type("DealConnection")
public record DealConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One deal and the cursor to continue after it. */
    @Type("DealEdge")
    public record Edge(DealView node, String cursor) {
    }

    static DealConnection of(Page<DealView> page) {
        return new DealConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
