package dev.torre.segment;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A segment as the API shows it, with how many active records it holds. */
@Type("Segment")
public record SegmentView(@Id UUID id, String name, String objectType, String kind, String filter, long memberCount,
        long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static SegmentView of(Segment s, long memberCount) {
        return new SegmentView(s.id, s.name, s.objectType, s.kind, s.filter, memberCount, s.version, s.createdAt,
                s.updatedAt, s.archivedAt);
    }
}
