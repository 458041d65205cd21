package dev.torre.deal;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists, searches and GraphQL may filter and sort deals by, and the SQL behind each name. */
final class DealFields {

    static final FieldRegistry<Deal> REGISTRY = FieldRegistry.<Deal>builder("deal", "c.id", Deal::id)
            .field("name", "c.name", FieldType.STRING, Deal::name).sortable()
            .field("amount", "c.amount", FieldType.NUMBER, Deal::amount).sortable()
            .field("currency", "c.currency", FieldType.STRING, null)
            .field("pipelineId", "c.pipeline_id", FieldType.UUID, null)
            .field("stageId", "c.stage_id", FieldType.UUID, null)
            .field("probability", "c.probability", FieldType.NUMBER, null)
            .field("predictedWinProbability", "c.predicted_win_probability", FieldType.NUMBER, d -> d.predictedWinProbability).sortable()
            .field("expectedCloseDate", "c.expected_close_date", FieldType.TIMESTAMP, null)
            .field("ownerId", "c.owner_id", FieldType.STRING, d -> d.ownerId).sortable()
            .field("contactId", "c.contact_id", FieldType.UUID, null)
            .field("companyId", "c.company_id", FieldType.UUID, null)
            .field("source", "c.source", FieldType.STRING, null)
            .field("lostReason", "c.lost_reason", FieldType.STRING, null)
            .field("closedAt", "c.closed_at", FieldType.TIMESTAMP, null)
            // whole and fractional days since the deal entered its current stage
            .field("stageAge", "(extract(epoch from (now() - c.stage_changed_at)) / 86400)", FieldType.NUMBER, null)
            .field("externalId", "c.external_id", FieldType.STRING, d -> d.externalId).sortable()
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Deal::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Deal::updatedAt).sortable()
            .jsonProperties("properties", "c.properties")
            .searchCovers("name", "source", "lostReason")
            .build();

    private DealFields() {
    }
}
