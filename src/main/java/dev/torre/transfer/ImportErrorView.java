package dev.torre.transfer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One problem of one line of an import. */
@Schema(name = "ImportError")
public record ImportErrorView(
        @Schema(description = "The line of the file, the header being line 1 (NDJSON: the first line is 1)") long line,
        @Schema(description = "The column or field to blame, when there is one") String field,
        @Schema(description = "A stable code, e.g. invalid_value, duplicate, required") String code,
        @Schema(description = "What is wrong, in words") String problem) {

    static ImportErrorView of(ImportError e) {
        return new ImportErrorView(e.line, e.field, e.code, e.problem);
    }
}
