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
}
