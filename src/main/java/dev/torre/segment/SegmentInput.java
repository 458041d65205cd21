package dev.torre.segment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.torre.platform.query.FilterParser;

/** The writable fields of a segment. */
@Schema(name = "SegmentInput", description = "The writable fields of a segment")
public record SegmentInput(
        @NotBlank @Size(max = 200) @Schema(examples = "Hot leads") String name,
        @NotNull @Schema(description = "What the segment holds; fixed once created", enumeration = { "contact", "company", "deal" }) String objectType,
        @Schema(description = "dynamic (kept by the filter) or static (members added and removed by hand); defaults to dynamic when a filter is given, else static",
                enumeration = { "dynamic", "static" }) String kind,
        @Size(max = FilterParser.MAX_LENGTH) @Schema(description = "A dynamic segment's condition, in the list filter grammar of its object type",
                examples = "leadScore ge 60 and consent.marketing.email eq \"granted\"") String filter) {

    static final String DYNAMIC = "dynamic";
    static final String STATIC = "static";
}
