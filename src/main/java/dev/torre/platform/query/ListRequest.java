package dev.torre.platform.query;

import java.util.List;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/**
 * A list or search, whichever transport asked: a filter (SCIM text or an already built
 * tree from GraphQL), free text, a sort, a page size and the cursor of the previous page.
 */
public record ListRequest(String filterText, Filter filter, String q, String sort, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public ListRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "limit must be between 1 and " + MAX_LIMIT,
                    List.of(new FieldError("limit", "out_of_range", "Between 1 and " + MAX_LIMIT)));
        }
    }

    public static ListRequest of(String filterText, String q, String sort, Integer limit, String cursor) {
        return new ListRequest(filterText, null, q, sort, limit == null ? DEFAULT_LIMIT : limit, cursor);
    }

    /** From query parameters, where the limit arrives as text and a non-number is the caller's mistake. */
    public static ListRequest of(String filterText, String q, String sort, String limit, String cursor) {
        return of(filterText, q, sort, limit == null ? null : wholeNumber("limit", limit), cursor);
    }

    /** Parses a numeric query parameter, refusing anything that is not a whole number in int range. */
    public static int wholeNumber(String parameter, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "Query parameter '" + parameter + "' must be a whole number",
                    List.of(new FieldError(parameter, "invalid_value", "A whole number")));
        }
    }
}
