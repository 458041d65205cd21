package dev.torre.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A team as the API shows it. */
public record TeamView(UUID id, String name, List<String> members, String externalId, long version, Instant createdAt,
        Instant updatedAt, Instant archivedAt) {

    static TeamView of(Team t) {
        return new TeamView(t.id, t.name, List.copyOf(t.members), t.externalId, t.version, t.createdAt, t.updatedAt, t.archivedAt);
    }
}
