package dev.torre.platform.query;

import dev.torre.platform.error.TorreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** A validated sort order such as {@code -updatedAt,lastName}, made total by the id as the final key. */
public final class SortSpec<E> {
    // Without a unique final key, rows with equal sort values could be skipped or repeated between keyset pages.
    // NULL sorts as the greatest value, PostgreSQL's default, which Keyset's conditions mirror.

    public static final int MAX_KEYS = 5;
    private static final int MAX_LENGTH = 400;
    private static final String PARAM = "sort";

    /** One sort key. */
    public record Key<E>(FieldDef<E> field, boolean descending) {
        public Key {
            Objects.requireNonNull(field, "field");
        }
    }

    private final FieldRegistry<E> registry;
    private final List<Key<E>> keys;

    private SortSpec(FieldRegistry<E> registry, List<Key<E>> keys) {
        this.registry = registry;
        this.keys = List.copyOf(keys);
    }

    /**
     * Parses a comma-separated list of sortable field names, each optionally prefixed with {@code -}
     * (descending) or {@code +} (ascending); blank text falls back to {@code defaultSort}, which may itself be
     * blank (sort by id only).
     */
    public static <E> SortSpec<E> parse(String text, FieldRegistry<E> registry, String defaultSort) {
        String source = text == null || text.isBlank() ? defaultSort : text;
        List<Key<E>> keys = new ArrayList<>();
        if (source != null && !source.isBlank()) {
            if (source.length() > MAX_LENGTH) {
                throw invalid("The sort is " + source.length() + " characters long; the limit is " + MAX_LENGTH);
            }
            String[] parts = source.split(",", -1);
            if (parts.length > MAX_KEYS) {
                throw invalid("The sort has " + parts.length + " keys; the limit is " + MAX_KEYS);
            }
            for (int i = 0; i < parts.length; i++) {
                keys.add(key(parts[i].trim(), i + 1, registry, keys));
            }
        }
        FieldDef<E> id = registry.id();
        if (keys.stream().noneMatch(k -> k.field() == id)) {
            keys.add(new Key<>(id, false));
        }
        return new SortSpec<>(registry, keys);
    }

    private static <E> Key<E> key(String part, int index, FieldRegistry<E> registry, List<Key<E>> before) {
        boolean descending = part.startsWith("-");
        String name = part.startsWith("-") || part.startsWith("+") ? part.substring(1).trim() : part;
        if (name.isEmpty()) {
            throw invalid("Sort key " + index + " is empty; write field names separated by commas, e.g."
                    + " -updatedAt,lastName");
        }
        FieldDef<E> field = registry.field(name).orElse(null);
        if (field == null) {
            String prefix = registry.jsonPrefix().map(p -> p.toLowerCase(Locale.ROOT) + ".").orElse(null);
            String why = prefix != null && name.toLowerCase(Locale.ROOT).startsWith(prefix)
                    ? "Sorting by JSON properties ('" + QueryErrors.quote(name) + "') is not supported"
                    : "Unknown sort field '" + QueryErrors.quote(name) + "' (key " + index + ")";
            throw QueryErrors.error(PARAM, QueryErrors.UNKNOWN_FIELD, why + "; sortable fields: "
                    + registry.sortableNames());
        }
        if (!field.sortable()) {
            throw invalid("Field '" + field.name() + "' (key " + index + ") cannot be used for sorting; sortable"
                    + " fields: " + registry.sortableNames());
        }
        if (before.stream().anyMatch(k -> k.field() == field)) {
            throw invalid("Field '" + field.name() + "' appears more than once in the sort (key " + index + ")");
        }
        return new Key<>(field, descending);
    }

    private static TorreException invalid(String message) {
        return QueryErrors.error(PARAM, QueryErrors.INVALID_VALUE, message);
    }

    public FieldRegistry<E> registry() {
        return registry;
    }

    /** The keys in order; the id is among them, last unless the caller placed it earlier. */
    public List<Key<E>> keys() {
        return keys;
    }

    /**
     * The ORDER BY list, e.g. {@code c.updated_at DESC NULLS FIRST, c.last_name ASC NULLS LAST, c.id ASC}.
     * The NULLS clauses spell out PostgreSQL's defaults, so plain b-tree indexes still serve the order.
     */
    public String orderBy() {
        return keys.stream().map(k -> {
            String direction = k.descending() ? " DESC" : " ASC";
            if (k.field() == registry.id()) {
                return k.field().sql() + direction;
            }
            return k.field().sql() + direction + (k.descending() ? " NULLS FIRST" : " NULLS LAST");
        }).collect(Collectors.joining(", "));
    }

    /** The canonical form, e.g. {@code -updatedAt,lastName,id}; cursors are bound to it. */
    public String signature() {
        return keys.stream().map(k -> (k.descending() ? "-" : "") + k.field().name())
                .collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return signature();
    }
}
