package dev.torre.platform.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * One field a caller may filter or sort on: its public name, the trusted SQL expression behind it, and how to
 * read its value from a loaded row.
 *
 * @param name            the name callers write, e.g. {@code lastName} or {@code source.campaign}
 * @param sql             a trusted SQL expression, e.g. {@code c.last_name}; never built from caller input
 * @param type            what the column holds
 * @param getter          reads the stored value from a row; required for sortable fields, otherwise may be null
 * @param sortable        whether {@code sort} may name the field
 * @param lowercaseValues the column is stored lower-case, so string literals are lower-cased before binding
 * @param enumValues      the allowed values of an {@link FieldType#ENUM} field, empty otherwise
 */
public record FieldDef<E>(String name, String sql, FieldType type, Function<? super E, ?> getter,
                          boolean sortable, boolean lowercaseValues, List<String> enumValues) {

    public FieldDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(type, "type");
        enumValues = List.copyOf(enumValues);
        if (!FilterParser.isValidPath(name)) {
            throw new IllegalArgumentException("field name must be a dotted identifier: " + name);
        }
        if (sql.isBlank() || sql.indexOf('?') >= 0) {
            throw new IllegalArgumentException("field " + name + ": SQL must be non-blank and contain no '?'");
        }
        if (sortable && (getter == null || type == FieldType.STRING_ARRAY)) {
            throw new IllegalArgumentException("field " + name + ": sortable fields need a getter and a scalar type");
        }
        if (lowercaseValues && type != FieldType.STRING && type != FieldType.STRING_ARRAY) {
            throw new IllegalArgumentException("field " + name + ": lowercaseValues applies to string fields only");
        }
        if ((type == FieldType.ENUM) == enumValues.isEmpty()) {
            throw new IllegalArgumentException("field " + name + ": enum fields, and only they, need enumValues");
        }
    }

    /**
     * The row's value in the one Java type used for binding and cursors (String, BigDecimal, Boolean,
     * OffsetDateTime in UTC, UUID), or null.
     */
    Object value(E row) {
        Object raw = getter.apply(row);
        if (raw == null) {
            return null;
        }
        Object normal = switch (type) {
            case STRING, ENUM -> raw instanceof String ? raw : null;
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case UUID -> raw instanceof UUID ? raw : null;
            case NUMBER -> switch (raw) {
                case BigDecimal d -> d;
                case BigInteger i -> new BigDecimal(i);
                case Long l -> BigDecimal.valueOf(l);
                case Integer i -> BigDecimal.valueOf(i);
                case Short s -> BigDecimal.valueOf(s);
                // Double.toString is the shortest decimal that reads back as the same double.
                case Double d when Double.isFinite(d) -> new BigDecimal(d.toString());
                default -> null;
            };
            case TIMESTAMP -> switch (raw) {
                case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC);
                case Instant i -> i.atOffset(ZoneOffset.UTC);
                default -> null;
            };
            case STRING_ARRAY -> null;
        };
        if (normal == null) {
            throw new IllegalStateException("field " + name + " (" + type + ") getter returned a "
                    + raw.getClass().getName());
        }
        return normal;
    }
}
