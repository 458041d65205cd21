package dev.torre.usage;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API usage between two days (inclusive, UTC), one line per day, API client and operation family. */
public record UsageReport(LocalDate from, LocalDate to, List<Line> data) {

    /**
     * One day's requests of one client to one family: all of them, and those answered 4xx (other than 429), 429 and 5xx.
     */
    public record Line(LocalDate day,
            @Schema(description = "The API client's clientId; null for tokens that are not an API client's") String clientId,
            @Schema(description = "The first path segment after /v1/, or graphql") String family,
            long total, long clientErrors, long rateLimited, long serverErrors) {
    }
}
