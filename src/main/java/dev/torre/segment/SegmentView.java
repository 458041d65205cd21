package dev.torre.segment;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A segment as the API shows it, with how many active records it holds and whether it is still being filled. */
@Type("Segment")
public record SegmentView(@Id UUID id, String name, String objectType, String kind, String filter, long memberCount,
        @Schema(description = "ready, or backfilling while the members of a new or changed filter are being filled in batches",
                enumeration = { "backfilling", "ready" }) @Description("ready, or backfilling while a new or changed filter is being filled")
        String status,
        @Schema(description = "Progress of the fill while backfilling; null when ready") @Description("Progress of the fill while backfilling")
        Backfill backfill,
        long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static final String BACKFILLING = "backfilling";
    static final String READY = "ready";

    /** How far the fill has come: records of the type visited, of how many there were when it started. */
    @Type("SegmentBackfill")
    @Schema(name = "SegmentBackfill")
    public record Backfill(long processed, long total, Instant startedAt) {
    }

    static SegmentView of(Segment s, long memberCount, Membership.Sweep sweep) {
        boolean filling = sweep != null && sweep.backfilling();
        return new SegmentView(s.id, s.name, s.objectType, s.kind, s.filter, memberCount, filling ? BACKFILLING : READY,
                filling ? new Backfill(sweep.processed(), sweep.total(), sweep.startedAt()) : null, s.version, s.createdAt,
                s.updatedAt, s.archivedAt);
    }
}
