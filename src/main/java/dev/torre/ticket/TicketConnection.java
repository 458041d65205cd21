package dev.torre.ticket;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.rest.Page;

/** A Relay connection of tickets. */
@Type("TicketConnection")
public record TicketConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One ticket and the cursor to continue after it. */
    @Type("TicketEdge")
    public record Edge(TicketView node, String cursor) {
    }

    static TicketConnection of(Page<TicketView> page) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < page.data().size(); i++) {
            edges.add(new Edge(page.data().get(i), page.cursors().get(i)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new TicketConnection(edges, new PageInfo(page.next() != null, endCursor));
    }
}
