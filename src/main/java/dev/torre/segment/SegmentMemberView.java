package dev.torre.segment;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A record in a segment: its id, and since when it has been a member. */
@Type("SegmentMember")
public record SegmentMemberView(@Id UUID id, Instant since) {
}
