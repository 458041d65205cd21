package dev.torre.segment;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.query.Page;

/** A Relay connection of a segment's members. */
@Type("SegmentMemberConnection")
public record SegmentMemberConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One member and the cursor to continue after it. */
    @Type("SegmentMemberEdge")
    public record Edge(SegmentMemberView node, String cursor) {
    }

    static SegmentMemberConnection of(Page<SegmentMemberView> page) {
        return new SegmentMemberConnection(PageInfo.edges(page, Edge::new), PageInfo.of(page));
    }
}
