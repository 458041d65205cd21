package dev.torre.company;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.rest.Page;

/** A Relay connection of companies. */
@Type("CompanyConnection")
public record CompanyConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One company and the cursor to continue after it. */
    @Type("CompanyEdge")
    public record Edge(CompanyView node, String cursor) {
    }

    static CompanyConnection of(Page<CompanyView> page) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < page.data().size(); i++) {
            edges.add(new Edge(page.data().get(i), page.cursors().get(i)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new CompanyConnection(edges, new PageInfo(page.next() != null, endCursor));
    }
}
