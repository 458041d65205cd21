package dev.torre.platform.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.torre.platform.error.TorreException;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The keyset pagination of one list: encodes a page's last row into an opaque cursor, and turns a cursor into
 * "rows strictly after it" SQL. A cursor is sealed ({@link CursorSeal}) for the tenant, and names the list it was
 * made for (entity, sort, and a digest of its filter, free text and scope), so it is refused anywhere else.
 */
public final class Keyset<E> {
    // The condition is first built as a small Cond tree and only then rendered to SQL, so tests can evaluate the
    // very same tree against rows in memory. Sealing keeps sort values (a hidden amount, say) out of callers' hands
    // and makes a forged cursor impossible; every value still ends up as a bind parameter.

    public static final int MAX_CURSOR_LENGTH = 4096;

    private static final String PARAM = "cursor";
    private static final String RETRY = "; pass the cursor from the previous page unchanged, or start without one";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final SortSpec<E> sort;
    private final CursorSeal seal;
    private final String tenant;
    private final String list;

    /**
     * @param list what else defines the list besides its entity and sort (a digest of filter, text and scope);
     *             a cursor made for one list is refused by another
     */
    Keyset(SortSpec<E> sort, CursorSeal seal, String tenant, String list) {
        this.sort = sort;
        this.seal = seal;
        this.tenant = tenant;
        this.list = list;
    }

    /** How a sort key compares with a cursor value. */
    enum Rel {
        EQ("="), LT("<"), GT(">");

        final String sql;

        Rel(String sql) {
            this.sql = sql;
        }
    }

    /** A node of the "strictly after" condition. */
    sealed interface Cond {
    }

    /** {@code field rel value}; false when the field is NULL, as in SQL. */
    record Cmp(FieldDef<?> field, Rel rel, Object value) implements Cond {
    }

    /** {@code field IS NULL} or {@code field IS NOT NULL}. */
    record IsNull(FieldDef<?> field, boolean isNull) implements Cond {
    }

    record All(List<Cond> parts) implements Cond {
    }

    record Any(List<Cond> parts) implements Cond {
    }

    /** The cursor for the page that follows {@code lastRow}. */
    public String cursor(E lastRow) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("e", sort.registry().entity());
        doc.put("s", sort.signature());
        doc.put("l", list);
        ArrayNode values = doc.putArray("k");
        for (SortSpec.Key<E> key : sort.keys()) {
            switch (key.field().value(lastRow)) {
                case null -> {
                    if (key.field() == sort.registry().id()) {
                        throw new IllegalStateException("row without an id");
                    }
                    values.addNull();
                }
                case String s -> values.add(s);
                case BigDecimal n -> values.add(n);
                case Boolean b -> values.add(b);
                case OffsetDateTime t -> values.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
                case UUID u -> values.add(u.toString());
                default -> throw new IllegalStateException("unexpected sort value type");
            }
        }
        String cursor;
        try {
            cursor = seal.seal(JSON.writeValueAsBytes(doc), tenant);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode cursor", e);
        }
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            // Failing here, not on the next request, points at the real problem: an unbounded sortable column.
            throw new IllegalStateException("sort values of " + sort + " too long for a cursor");
        }
        return cursor;
    }

    /** The condition selecting rows strictly after the cursor's row; throws invalid_cursor for a bad cursor. */
    public SqlFragment after(String cursor) {
        List<Object> params = new ArrayList<>();
        String sql = render(predicate(cursor), params);
        return new SqlFragment(sql, params);
    }

    Cond predicate(String cursor) {
        return predicate(sort, decode(cursor));
    }

    /**
     * Expands "after (v1, v2, ...)" into (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR ..., where "beyond"
     * follows the key's direction with NULL as the greatest value, and "=" becomes IS NULL for a NULL value.
     */
    static <E> Cond predicate(SortSpec<E> sort, List<Object> values) {
        List<Cond> alternatives = new ArrayList<>();
        List<Cond> equalSoFar = new ArrayList<>();
        for (int i = 0; i < sort.keys().size(); i++) {
            SortSpec.Key<E> key = sort.keys().get(i);
            FieldDef<E> f = key.field();
            Object v = values.get(i);
            boolean nullable = f != sort.registry().id();
            Cond beyond;
            if (key.descending()) {
                // NULLs come first, then values from high to low.
                beyond = v == null ? (nullable ? new IsNull(f, false) : null) : new Cmp(f, Rel.LT, v);
            } else {
                // Values from low to high, then NULLs; nothing follows a NULL.
                beyond = v == null ? null
                        : nullable ? new Any(List.of(new Cmp(f, Rel.GT, v), new IsNull(f, true))) : new Cmp(f, Rel.GT, v);
            }
            if (beyond != null) {
                List<Cond> parts = new ArrayList<>(equalSoFar);
                parts.add(beyond);
                alternatives.add(parts.size() == 1 ? beyond : new All(parts));
            }
            equalSoFar.add(v == null ? new IsNull(f, true) : new Cmp(f, Rel.EQ, v));
        }
        if (alternatives.isEmpty()) {
            throw new IllegalStateException("sort without a non-null key");
        }
        return alternatives.size() == 1 ? alternatives.getFirst() : new Any(alternatives);
    }

    static String render(Cond cond, List<Object> params) {
        return switch (cond) {
            case Cmp c -> {
                params.add(c.value());
                yield c.field().sql() + " " + c.rel().sql + " ?";
            }
            case IsNull n -> n.field().sql() + (n.isNull() ? " IS NULL" : " IS NOT NULL");
            case All a -> join(a.parts(), " AND ", params);
            case Any a -> join(a.parts(), " OR ", params);
        };
    }

    private static String join(List<Cond> parts, String connective, List<Object> params) {
        List<String> rendered = new ArrayList<>();
        for (Cond part : parts) {
            rendered.add(render(part, params));
        }
        return "(" + String.join(connective, rendered) + ")";
    }

    /** The cursor's values in sort-key order, converted to the types {@link FieldDef#value} produces. */
    List<Object> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            throw invalid("The cursor is empty" + RETRY);
        }
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            throw invalid("The cursor is longer than " + MAX_CURSOR_LENGTH + " characters" + RETRY);
        }
        // Whoever made an unopenable cursor (another tenant, another deployment, a changed character) only needs
        // to know that it is unusable.
        byte[] bytes = seal.open(cursor, tenant).orElseThrow(Keyset::malformed);
        try {
            JsonNode doc = JSON.readTree(bytes);
            if (doc == null || !doc.isObject() || doc.size() != 4 || !doc.path("e").isTextual()
                    || !doc.path("s").isTextual() || !doc.path("l").isTextual() || !doc.path("k").isArray()) {
                throw malformed();
            }
            if (!doc.get("e").textValue().equals(sort.registry().entity())) {
                throw invalid("The cursor belongs to a different list" + RETRY);
            }
            String signature = doc.get("s").textValue();
            if (!signature.equals(sort.signature())) {
                throw invalid("The cursor was made for sort " + QueryErrors.quote(signature)
                        + "; repeat the same sort or start without a cursor");
            }
            if (!doc.get("l").textValue().equals(list)) {
                throw invalid("The cursor was made for another filter or search; repeat the same filter and search"
                        + " text, or start without a cursor");
            }
            JsonNode k = doc.get("k");
            if (k.size() != sort.keys().size()) {
                throw malformed();
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < k.size(); i++) {
                FieldDef<E> field = sort.keys().get(i).field();
                values.add(value(field, k.get(i), field != sort.registry().id()));
            }
            return values;
        } catch (TorreException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw malformed();
        }
    }

    private static Object value(FieldDef<?> field, JsonNode node, boolean nullable) {
        if (node.isNull()) {
            if (nullable) {
                return null;
            }
            throw malformed();
        }
        Object value = switch (field.type()) {
            case STRING, ENUM -> node.isTextual() && QueryErrors.unstorableText(node.textValue()) == null
                    ? node.textValue() : null;
            case NUMBER -> node.isNumber() && QueryErrors.reasonableNumber(node.decimalValue())
                    ? node.decimalValue() : null;
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
            case TIMESTAMP -> node.isTextual()
                    ? OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .withOffsetSameInstant(ZoneOffset.UTC)
                    : null;
            case UUID -> node.isTextual() && FilterCompiler.UUID_TEXT.matcher(node.textValue()).matches()
                    ? UUID.fromString(node.textValue()) : null;
            case STRING_ARRAY -> null;
        };
        if (value == null) {
            throw malformed();
        }
        return value;
    }

    private static TorreException malformed() {
        return invalid("The cursor is not valid" + RETRY);
    }

    private static TorreException invalid(String message) {
        return QueryErrors.error(PARAM, QueryErrors.INVALID_CURSOR, message);
    }
}
