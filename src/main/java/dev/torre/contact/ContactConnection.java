package dev.torre.contact;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of contacts. */
@Type("ContactConnection")
public record ContactConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One contact and the cursor to continue after it. */
    @Type("ContactEdge")
    public record Edge(ContactView node, String cursor) {
    }

    static ContactConnection of(Page<ContactView> page) {
        return new ContactConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
