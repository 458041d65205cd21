package dev.torre.merge;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Two records of a tenant that may be one, best candidates first. */
@Type("DuplicatePair")
@Schema(name = "DuplicatePair")
public record DuplicatePairView(UUID id, UUID otherId, double score, List<String> signals) {
}
