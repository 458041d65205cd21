package dev.torre.product;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of products. */
@Type("ProductConnection")
public record ProductConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One product and the cursor to continue after it. */
    @Type("ProductEdge")
    public record Edge(ProductView node, String cursor) {
    }

    static ProductConnection of(Page<ProductView> page) {
        return new ProductConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
