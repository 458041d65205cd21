package dev.torre.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/** Which deals a report covers: a pipeline, an owner, and a date range (inclusive), each optional. */
public record ReportFilter(UUID pipelineId, String ownerId, LocalDate from, LocalDate to) {

    /** From query parameters or GraphQL arguments given as text; a malformed one is the caller's mistake. */
    public static ReportFilter of(String pipelineId, String ownerId, String from, String to) {
        UUID pipeline = null;
        if (pipelineId != null && !pipelineId.isBlank()) {
            try {
                pipeline = UUID.fromString(pipelineId.trim());
            } catch (IllegalArgumentException e) {
                throw invalid("pipelineId", "a pipeline id");
            }
        }
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "'to' is before 'from'",
                    List.of(new FieldError("to", "out_of_range", "On or after 'from'")));
        }
        return new ReportFilter(pipeline, ownerId == null || ownerId.isBlank() ? null : ownerId.trim(), start, end);
    }

    private static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw invalid(name, "a date such as 2025-01-31");
        }
    }

    private static TorreException invalid(String name, String expected) {
        return new TorreException(ErrorCode.INVALID_QUERY, "Query parameter '" + name + "' must be " + expected,
                List.of(new FieldError(name, "invalid_value", "Expected " + expected)));
    }
}
