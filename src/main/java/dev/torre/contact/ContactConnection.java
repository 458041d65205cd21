package dev.torre.contact;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.rest.Page;

/** A Relay connection of contacts. */
@Type("ContactConnection")
public record ContactConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One contact and the cursor to continue after it. */
    @Type("ContactEdge")
    public record Edge(ContactView node, String cursor) {
    }

    static ContactConnection of(Page<ContactView> page) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < page.data().size(); i++) {
            edges.add(new Edge(page.data().get(i), page.cursors().get(i)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new ContactConnection(edges, new PageInfo(page.next() != null, endCursor));
    }
}
