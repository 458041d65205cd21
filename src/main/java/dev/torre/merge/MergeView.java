package dev.torre.merge;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** What a merge did, or would do in a dry run. */
@Type("MergeResult")
@Schema(name = "MergeResult")
public record MergeView(
        UUID survivorId,
        List<UUID> mergedIds,
        boolean dryRun,
        @Ignore @Schema(description = "The survivor's writable fields after the merge") JsonNode result,
        @Ignore @Schema(description = "The fields whose value changed on the survivor, with the record each value came from") Map<String, UUID> filledFrom,
        @Ignore @Schema(description = "How many related rows moved to the survivor, by kind (interactions, orders, deals, consents, segmentMemberships, ...)") Map<String, Integer> moved) {
}
