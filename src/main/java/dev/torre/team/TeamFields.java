package dev.torre.team;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter and sort teams by. */
final class TeamFields {

    static final FieldRegistry<Team> REGISTRY = FieldRegistry.<Team>builder("team", "c.id", Team::id)
            .field("name", "c.name", FieldType.STRING, Team::name).sortable()
            .field("externalId", "c.external_id", FieldType.STRING, t -> t.externalId).sortable()
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Team::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Team::updatedAt).sortable()
            .build();

    private TeamFields() {
    }
}
