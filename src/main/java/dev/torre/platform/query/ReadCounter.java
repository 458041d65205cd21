package dev.torre.platform.query;

/**
 * Counts the records a caller reads in bulk (list, search and export pages), which may refuse a
 * read past the caller's threshold. Implemented above this package by the bulk-read guard
 * ({@code platform.audit}), so the query layer does not depend on it.
 */
public interface ReadCounter {

    /** Records that the caller read {@code count} records of a type; throws when the caller is blocked. */
    void record(String objectType, int count);
}
