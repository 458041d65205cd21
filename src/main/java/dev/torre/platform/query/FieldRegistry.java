package dev.torre.platform.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fields of one entity type that callers may filter and sort on, declared by Torre code (never by callers). */
public final class FieldRegistry<E> {
    // Field names are matched ignoring case, as SCIM asks; JSON property names are matched exactly because JSON
    // keys are case-sensitive.

    private final String entity;
    private final FieldDef<E> id;
    private final Map<String, FieldDef<E>> byLowerName;
    private final String jsonPrefix;
    private final String jsonSql;
    private final List<String> searchFields;

    private FieldRegistry(String entity, FieldDef<E> id, Map<String, FieldDef<E>> byLowerName,
                          String jsonPrefix, String jsonSql, List<String> searchFields) {
        this.entity = entity;
        this.id = id;
        this.byLowerName = byLowerName;
        this.jsonPrefix = jsonPrefix;
        this.jsonSql = jsonSql;
        this.searchFields = searchFields;
    }

    /**
     * Starts a registry; the id field is registered as {@code id} (UUID, sortable) and ends every sort.
     *
     * @param entity   a short name for the entity, stored in cursors so they cannot cross collections
     * @param idSql    the trusted SQL expression of the primary key, e.g. {@code c.id}
     * @param idGetter reads the primary key from a row
     */
    public static <E> Builder<E> builder(String entity, String idSql, Function<? super E, UUID> idGetter) {
        return new Builder<>(entity, idSql, idGetter);
    }

    public String entity() {
        return entity;
    }

    /**
     * The fields whose text the free-text search ({@code q}) matches, from the table's {@code search} document;
     * empty where the table has none, and then {@code q} is refused.
     */
    public List<String> searchFields() {
        return searchFields;
    }

    /** The primary key field, named {@code id}. */
    public FieldDef<E> id() {
        return id;
    }

    /** The field with this name, ignoring case. */
    public Optional<FieldDef<E>> field(String name) {
        return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * What a filter or sort path reads, resolved the way the compiler resolves it (declared fields ignoring case,
     * JSON properties by their exact name): the top-level field of the record in its declared spelling
     * ({@code source} for {@code SOURCE.utmCampaign}, {@code properties} for {@code Properties.plan}) and, for a
     * JSON property, its name. Empty when the path names nothing (the compiler then says so).
     */
    public Optional<Reads> reads(String path) {
        FieldDef<E> def = byLowerName.get(path.toLowerCase(Locale.ROOT));
        if (def != null) {
            int dot = def.name().indexOf('.');
            return Optional.of(new Reads(dot < 0 ? def.name() : def.name().substring(0, dot), null));
        }
        if (jsonPrefix != null && path.length() > jsonPrefix.length() + 1 && path.charAt(jsonPrefix.length()) == '.'
                && path.regionMatches(true, 0, jsonPrefix, 0, jsonPrefix.length())) {
            return Optional.of(new Reads(jsonPrefix, path.substring(jsonPrefix.length() + 1)));
        }
        return Optional.empty();
    }

    /** The top-level field a path reads, and the JSON property under it (null for a declared field). */
    public record Reads(String field, String property) {
    }

    /** All registered fields, id first, in declaration order. */
    public List<FieldDef<E>> fields() {
        return List.copyOf(byLowerName.values());
    }

    /** The prefix that selects JSON properties (e.g. {@code properties}), if the entity has any. */
    public Optional<String> jsonPrefix() {
        return Optional.ofNullable(jsonPrefix);
    }

    /** The trusted SQL expression of the jsonb column holding the JSON properties. */
    public Optional<String> jsonSql() {
        return Optional.ofNullable(jsonSql);
    }

    /**
     * This registry plus every field of another one under a prefix, e.g. a joined company's {@code tier} as
     * {@code company.tier}, its SQL re-aimed from the {@code c.} alias the other registry uses to {@code alias.}.
     * The added fields filter only (no getter here to sort by); the other's JSON properties are not added.
     */
    public FieldRegistry<E> with(String prefix, FieldRegistry<?> other, String alias) {
        Map<String, FieldDef<E>> all = new LinkedHashMap<>(byLowerName);
        for (FieldDef<?> def : other.fields()) {
            String sql = def.sql();
            if (!sql.matches("c\\.[a-z_]+")) {
                throw new IllegalArgumentException("cannot re-aim the SQL of field " + def.name() + ": " + sql);
            }
            String name = prefix + "." + def.name();
            FieldDef<E> copy = new FieldDef<>(name, alias + sql.substring(1), def.type(), null, false,
                    def.lowercaseValues(), def.enumValues());
            if (all.putIfAbsent(name.toLowerCase(Locale.ROOT), copy) != null) {
                throw new IllegalArgumentException("field declared twice: " + name);
            }
        }
        return new FieldRegistry<>(entity, id, Collections.unmodifiableMap(all), jsonPrefix, jsonSql, searchFields);
    }

    /** For messages: the names a filter may use. */
    String filterableNames() {
        String names = byLowerName.values().stream().map(FieldDef::name).collect(Collectors.joining(", "));
        return jsonPrefix == null ? names : names + ", " + jsonPrefix + ".<name>";
    }

    /** For messages: the names a sort may use. */
    String sortableNames() {
        return byLowerName.values().stream().filter(FieldDef::sortable).map(FieldDef::name)
                .collect(Collectors.joining(", "));
    }

    /** Declares fields one call at a time; modifiers such as {@link #sortable()} apply to the field just added. */
    public static final class Builder<E> {
        private final String entity;
        private final List<Spec<E>> specs = new ArrayList<>();
        private Spec<E> last;
        private String jsonPrefix;
        private String jsonSql;
        private List<String> searchFields = List.of();

        private Builder(String entity, String idSql, Function<? super E, UUID> idGetter) {
            if (entity == null || entity.isBlank()) {
                throw new IllegalArgumentException("entity name required");
            }
            this.entity = entity;
            field("id", idSql, FieldType.UUID, idGetter).sortable();
            last = null;
        }

        public Builder<E> field(String name, String sql, FieldType type, Function<? super E, ?> getter) {
            last = new Spec<>(name, sql, type, getter);
            specs.add(last);
            return this;
        }

        public Builder<E> sortable() {
            current().sortable = true;
            return this;
        }

        public Builder<E> lowercaseValues() {
            current().lowercase = true;
            return this;
        }

        public Builder<E> enumValues(String... values) {
            current().enumValues = List.of(values);
            return this;
        }

        /** Lets filters reach into a jsonb column as {@code prefix.<propertyName>}. */
        public Builder<E> jsonProperties(String prefix, String sql) {
            if (!FilterParser.isValidPath(prefix) || prefix.indexOf('.') >= 0 || sql.indexOf('?') >= 0) {
                throw new IllegalArgumentException("bad JSON properties declaration: " + prefix);
            }
            jsonPrefix = prefix;
            jsonSql = sql;
            last = null;
            return this;
        }

        /**
         * Declares that the table has a {@code search} document (a tsvector column) for free text ({@code q}), and
         * names the fields (as the record's view names them, filterable or not) whose text it is made of, for
         * access checks on {@code q}.
         */
        public Builder<E> searchCovers(String... names) {
            searchFields = List.of(names);
            last = null;
            return this;
        }

        public FieldRegistry<E> build() {
            Map<String, FieldDef<E>> byName = new LinkedHashMap<>();
            for (Spec<E> s : specs) {
                FieldDef<E> def = new FieldDef<>(s.name, s.sql, s.type, s.getter, s.sortable, s.lowercase,
                        s.enumValues);
                String key = s.name.toLowerCase(Locale.ROOT);
                if (byName.putIfAbsent(key, def) != null) {
                    throw new IllegalArgumentException("field declared twice: " + s.name);
                }
                if (jsonPrefix != null && key.startsWith(jsonPrefix.toLowerCase(Locale.ROOT) + ".")) {
                    throw new IllegalArgumentException("field " + s.name + " hides JSON properties");
                }
            }
            return new FieldRegistry<>(entity, byName.get("id"), Collections.unmodifiableMap(byName),
                    jsonPrefix, jsonSql, searchFields);
        }

        private Spec<E> current() {
            if (last == null) {
                throw new IllegalStateException("modifiers apply to the field just declared with field(...)");
            }
            return last;
        }
    }

    /** Mutable state of a field while its modifiers are being applied. */
    private static final class Spec<E> {
        final String name;
        final String sql;
        final FieldType type;
        final Function<? super E, ?> getter;
        boolean sortable;
        boolean lowercase;
        List<String> enumValues = List.of();

        Spec(String name, String sql, FieldType type, Function<? super E, ?> getter) {
            this.name = name;
            this.sql = sql;
            this.type = type;
            this.getter = getter;
        }
    }
}
