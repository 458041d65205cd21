package dev.torre.merge;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a merge: which records merge into the one named in the path, and which values win. */
@Schema(name = "MergeInput")
public record MergeInput(
        @NotNull @Size(min = 1, max = 20) @Schema(description = "The records merged into this one (the survivor); they are archived and point at it") List<@NotNull UUID> mergeIds,
        @Schema(description = "true: answer exactly what the merge would do, change nothing") Boolean dryRun,
        @Schema(description = "Field by field, the record whose value wins, e.g. {\"phone\": \"<id of a merged record>\"}; otherwise the survivor keeps its values and fills its empty fields from the others, in mergeIds order")
        Map<String, UUID> prefer) {
}
