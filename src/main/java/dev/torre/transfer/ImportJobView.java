package dev.torre.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


/** An import job as the API shows it: what it imports, how far it got and what became of the rows. */
@Type("Import")
@Schema(name = "Import")
public record ImportJobView(
        UUID id,
        String objectType,
        String matchOn,
        @Schema(enumeration = { "csv", "ndjson" }) String format,
        @Schema(description = "Validated everything, wrote nothing: the counters say what a real run would do") boolean dryRun,
        @Schema(enumeration = { "queued", "running", "completed", "failed", "cancelled" }) String status,
        @Schema(description = "Data rows in the file (the header not counted)") long totalRows,
        long processed,
        long created,
        long updated,
        long unchanged,
        @Schema(description = "Rows refused; GET /v1/imports/{id}/errors says why") long failed,
        @Schema(description = "Rows processed per second since the job started") Double rowsPerSecond,
        @Schema(description = "Why the job failed or was cancelled") String detail,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    static ImportJobView of(Import j, Instant now) {
        Double rate = null;
        if (j.startedAt != null) {
            Instant end = j.finishedAt == null ? now : j.finishedAt;
            double seconds = Math.max(Duration.between(j.startedAt, end).toMillis(), 1) / 1000.0;
            rate = Math.round(j.processed / seconds * 10) / 10.0;
        }
        return new ImportJobView(j.id, j.objectType, j.matchOn, j.format, j.dryRun, j.status, j.totalRows, j.processed, j.created,
                j.updated, j.unchanged, j.failed, rate, j.detail, j.createdAt, j.startedAt, j.finishedAt);
    }
}
