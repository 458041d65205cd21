package dev.torre.segment;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter and sort segments by. */
final class SegmentFields {

    static final FieldRegistry<Segment> REGISTRY = FieldRegistry.<Segment>builder("segment", "c.id", Segment::id)
            .field("name", "c.name", FieldType.STRING, Segment::name).sortable()
            .field("objectType", "c.object_type", FieldType.ENUM, null).enumValues("contact", "company", "deal")
            .field("kind", "c.kind", FieldType.ENUM, null).enumValues(SegmentInput.DYNAMIC, SegmentInput.STATIC)
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Segment::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Segment::updatedAt).sortable()
            .build();

    private SegmentFields() {
    }
}
