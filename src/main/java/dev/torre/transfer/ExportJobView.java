package dev.torre.transfer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An export job as the API shows it; its file is at {@code /v1/exports/{id}/file} once completed. */
@Type("Export")
@Schema(name = "Export")
public record ExportJobView(
        UUID id,
        String objectType,
        String filter,
        List<String> fields,
        @Schema(enumeration = { "csv", "ndjson" }) String format,
        @Schema(enumeration = { "queued", "running", "completed", "failed" }) String status,
        @Schema(description = "Records written so far") long exported,
        @Schema(description = "Size of the file so far, in bytes") long bytes,
        String detail,
        @Schema(description = "Where to download the file, once completed") String file,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    static ExportJobView of(Export j) {
        return new ExportJobView(j.id, j.objectType, j.filter, List.copyOf(j.fields), j.format, j.status, j.exported, j.bytes, j.detail,
                "completed".equals(j.status) ? "/v1/exports/" + j.id + "/file" : null, j.createdAt, j.startedAt, j.finishedAt);
    }
}
