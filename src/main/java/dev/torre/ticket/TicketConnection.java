package dev.torre.ticket;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of tickets. */
@Type("TicketConnection")
public record TicketConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One ticket and the cursor to continue after it. */
    @Type("TicketEdge")
    public record Edge(TicketView node, String cursor) {
    }

    static TicketConnection of(Page<TicketView> page) {
        return new TicketConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
