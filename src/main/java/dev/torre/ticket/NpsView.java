package dev.torre.ticket;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;

/** A recorded NPS answer. */
@Type("NpsResponse")
public record NpsView(UUID id, UUID contactId, int score, String comment, Instant respondedAt, Instant createdAt) {

    static NpsView of(NpsResponse r) {
        return new NpsView(r.id, r.contactId, r.score, r.comment, r.respondedAt, r.createdAt);
    }
}
