package dev.torre.platform.query;

import java.util.List;

/**
 * Decides, before a list or search runs, whether the caller may filter, sort or search by the
 * fields it names (the parsed forms, never the raw text). Implemented above this package by
 * field-level security ({@code platform.access}), so the query layer does not depend on it.
 */
public interface FieldGuard {

    /** Throws a refusal when a filter, the sort (null: none) or free text (when {@code text}) reaches a field hidden from the caller. */
    void check(FieldRegistry<?> registry, List<Filter> filters, SortSpec<?> sort, boolean text);
}
