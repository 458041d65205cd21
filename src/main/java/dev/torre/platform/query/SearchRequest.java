package dev.torre.platform.query;

import java.util.List;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /v1/<collection>/search}: a list request too long for a URL. */
@Schema(name = "SearchRequest")
public record SearchRequest(
        @Size(max = 4000) @Schema(description = "SCIM filter, as in the list's filter parameter", examples = "lifecycleStage eq \"lead\"") String filter,
        @Size(max = 200) @Schema(description = "Free text; accent- and case-insensitive, matches word prefixes", examples = "jose garcia") String q,
        @Size(max = 5) @Schema(description = "Sort keys, '-' for descending", examples = "[\"-updatedAt\"]") List<String> sort,
        @Schema(description = "1 to 200, default 50") Integer limit,
        @Schema(description = "The 'next' value of the previous page") String cursor) {

    public ListRequest toListRequest() {
        return ListRequest.of(filter, q, sort == null ? null : String.join(",", sort), limit, cursor);
    }
}
