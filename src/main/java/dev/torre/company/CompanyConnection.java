package dev.torre.company;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of companies. */
@Type("CompanyConnection")
public record CompanyConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One company and the cursor to continue after it. */
    @Type("CompanyEdge")
    public record Edge(CompanyView node, String cursor) {
    }

    static CompanyConnection of(Page<CompanyView> page) {
        return new CompanyConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
