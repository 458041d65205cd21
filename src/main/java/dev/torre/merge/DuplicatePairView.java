package dev.torre.merge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Two records of a tenant that may be one, best candidates first. */
@Type("DuplicatePair")
@Schema(name = "DuplicatePair")
public record DuplicatePairView(
        @Schema(description = "The record with the smaller id") UUID id,
        UUID otherId,
        double score,
        List<String> signals,
        @Schema(description = "The pair's own id: POST /v1/duplicates/{id}/dismiss (the pairId) keeps it out of the listing") UUID pairId,
        @Schema(description = "When the pair was dismissed as not one; null while it is listed") Instant dismissedAt) {
}
