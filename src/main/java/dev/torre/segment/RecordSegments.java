package dev.torre.segment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The live segments one record belongs to, in name order. */
@Schema(name = "RecordSegments", description = "The live segments a record belongs to, in name order")
public record RecordSegments(List<SegmentView> data) {
}
