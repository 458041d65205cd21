package dev.torre.platform.query;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a list reads (aliased {@code c}): a table, plus, for a record that shows columns kept in another table, how
 * to read those. A list whose filter or sort names one of them reads {@code joined} (the table joined to them, so
 * that the sort can walk their index); any other list reads the plain table and adds them for the page's rows only,
 * after the limit, through {@code pageJoin}: a join done before the limit cost every list as many lookups as it
 * passed rows, or a hash of the other table when its statistics were stale.
 *
 * @param table        the plain table, a trusted name
 * @param joined       a trusted table expression: the table with the added columns
 * @param joinedFields the registry fields (by name) whose SQL reads an added column
 * @param pageJoin     a trusted SQL template adding the columns to a page: {@code %s} is the page's statement, which
 *                     the template aliases {@code c}; null when nothing is added
 */
public record ListSource(String table, String joined, Set<String> joinedFields, String pageJoin) {

    public ListSource {
        joinedFields = joinedFields.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A plain table, nothing added. */
    public static ListSource of(String table) {
        return new ListSource(table, table, Set.of(), null);
    }

    /** Whether a list naming these fields (filter paths and sort keys) reads the joined expression. */
    boolean joins(Iterable<String> fieldNames) {
        if (pageJoin == null) {
            return true;
        }
        for (String name : fieldNames) {
            if (joinedFields.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
