package dev.torre.segment;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of segments. */
@Type("SegmentConnection")
public record SegmentConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One segment and the cursor to continue after it. */
    @Type("SegmentEdge")
    public record Edge(SegmentView node, String cursor) {
    }

    static SegmentConnection of(Page<SegmentView> page) {
        return new SegmentConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
