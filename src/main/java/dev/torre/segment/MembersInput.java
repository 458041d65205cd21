package dev.torre.segment;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Records to add to a static segment. */
@Schema(name = "SegmentMembersInput", description = "Records to add to a static segment")
public record MembersInput(
        @NotNull @Size(min = 1, max = 1000) @Schema(description = "Ids of active records of the segment's object type; one unknown id refuses them all")
        List<@NotNull UUID> ids) {
}
