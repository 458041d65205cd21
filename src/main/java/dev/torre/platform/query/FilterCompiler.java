package dev.torre.platform.query;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.Filter.And;
import dev.torre.platform.query.Filter.BoolLit;
import dev.torre.platform.query.Filter.Compare;
import dev.torre.platform.query.Filter.Literal;
import dev.torre.platform.query.Filter.Not;
import dev.torre.platform.query.Filter.NullLit;
import dev.torre.platform.query.Filter.NumberLit;
import dev.torre.platform.query.Filter.Op;
import dev.torre.platform.query.Filter.Or;
import dev.torre.platform.query.Filter.Present;
import dev.torre.platform.query.Filter.StringLit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns a {@link Filter} into SQL in which caller input only ever reaches the bind parameters. */
public final class FilterCompiler {
    // Field names only select trusted expressions from the registry; JSON property names are validated and bound.

    /** Bounds the depth of filters built directly as trees (e.g. by GraphQL), which the parser cannot limit. */
    static final int MAX_TREE_DEPTH = 100;

    private static final String PARAM = "filter";
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final FieldRegistry<?> registry;
    private final Map<Object, Integer> positions;
    private final Instant now;

    private FilterCompiler(FieldRegistry<?> registry, Map<Object, Integer> positions, Instant now) {
        this.registry = registry;
        this.positions = positions;
        this.now = now;
    }

    /**
     * Compiles a filter tree, e.g. one built from a GraphQL {@code where} input; messages carry no positions.
     * Relative times such as {@code now-30d} are taken from {@code now}.
     */
    public static SqlFragment compile(Filter filter, FieldRegistry<?> registry, Instant now) {
        checkSize(filter);
        return new FilterCompiler(registry, Map.of(), now).node(filter);
    }

    /** Parses and compiles filter text; messages point at positions in the text. */
    public static SqlFragment compile(String filterText, FieldRegistry<?> registry, Instant now) {
        return compile(FilterParser.parseLocated(filterText), registry, now);
    }

    /** Compiles parsed filter text; messages point at positions in the text. */
    static SqlFragment compile(FilterParser.Located located, FieldRegistry<?> registry, Instant now) {
        return new FilterCompiler(registry, located.positions(), now).node(located.filter());
    }

    private static void checkSize(Filter root) {
        record Level(Filter node, int depth) {
        }
        int comparisons = 0;
        Deque<Level> todo = new ArrayDeque<>();
        todo.push(new Level(root, 1));
        while (!todo.isEmpty()) {
            Level l = todo.pop();
            if (l.depth() > MAX_TREE_DEPTH) {
                throw QueryErrors.error(PARAM, QueryErrors.TOO_COMPLEX, "The filter nests deeper than "
                        + MAX_TREE_DEPTH + " levels");
            }
            switch (l.node()) {
                case And a -> {
                    todo.push(new Level(a.left(), l.depth() + 1));
                    todo.push(new Level(a.right(), l.depth() + 1));
                }
                case Or o -> {
                    todo.push(new Level(o.left(), l.depth() + 1));
                    todo.push(new Level(o.right(), l.depth() + 1));
                }
                case Not n -> todo.push(new Level(n.inner(), l.depth() + 1));
                case Compare c -> comparisons++;
                case Present p -> comparisons++;
            }
        }
        if (comparisons > FilterParser.MAX_COMPARISONS) {
            throw QueryErrors.error(PARAM, QueryErrors.TOO_COMPLEX, "The filter has " + comparisons
                    + " comparisons; the limit is " + FilterParser.MAX_COMPARISONS);
        }
    }

    private SqlFragment node(Filter f) {
        return switch (f) {
            case And a -> join(" AND ", a);
            case Or o -> join(" OR ", o);
            // SQL's NOT keeps NULL as NULL, which would drop rows from both "x" and "not x"; COALESCE makes a
            // comparison against a missing value plainly false, so "not (email eq ...)" equals "email ne ...".
            case Not n -> wrap("NOT COALESCE(", node(n.inner()), ", false)");
            case Present p -> present(p);
            case Compare c -> compare(c);
        };
    }

    /** Flattens a chain of the same connective so that a and b and c reads (a AND b AND c). */
    private SqlFragment join(String connective, Filter chain) {
        List<Filter> operands = new ArrayList<>();
        flatten(chain, chain.getClass(), operands);
        StringBuilder sql = new StringBuilder("(");
        List<Object> params = new ArrayList<>();
        for (Filter operand : operands) {
            SqlFragment part = node(operand);
            sql.append(sql.length() > 1 ? connective : "").append(part.sql());
            params.addAll(part.params());
        }
        return new SqlFragment(sql.append(')').toString(), params);
    }

    private static void flatten(Filter f, Class<?> kind, List<Filter> out) {
        switch (f) {
            case And a when kind == And.class -> {
                flatten(a.left(), kind, out);
                flatten(a.right(), kind, out);
            }
            case Or o when kind == Or.class -> {
                flatten(o.left(), kind, out);
                flatten(o.right(), kind, out);
            }
            default -> out.add(f);
        }
    }

    private static SqlFragment wrap(String before, SqlFragment inner, String after) {
        return new SqlFragment(before + inner.sql() + after, inner.params());
    }

    // ---- registered columns

    private SqlFragment present(Present p) {
        FieldDef<?> def = registry.field(p.path()).orElse(null);
        if (def == null) {
            String property = jsonProperty(p.path(), p);
            return SqlFragment.of("COALESCE(jsonb_typeof(" + jsonSql() + " -> ?), 'null') <> 'null'", property);
        }
        String col = def.sql();
        return switch (def.type()) {
            case STRING -> SqlFragment.of("(" + col + " IS NOT NULL AND " + col + " <> '')");
            case STRING_ARRAY -> SqlFragment.of("cardinality(" + col + ") > 0");
            default -> SqlFragment.of(col + " IS NOT NULL");
        };
    }

    private SqlFragment compare(Compare c) {
        FieldDef<?> def = registry.field(c.path()).orElse(null);
        if (def == null) {
            return compareProperty(jsonProperty(c.path(), c), c);
        }
        Op op = c.op();
        if (!def.type().allows(op)) {
            throw QueryErrors.error(PARAM, QueryErrors.INVALID_OPERATOR, "Operator '" + op.keyword()
                    + "' cannot be used on field '" + def.name() + "' (" + def.type().label() + ")" + at(c)
                    + "; use " + allowed(def.type().operators()));
        }
        String col = def.sql();
        if (c.value() instanceof NullLit) {
            return nullComparison(col, c);
        }
        Object value = coerce(def, c.value());
        if (def.type() == FieldType.STRING_ARRAY) {
            String contains = col + " @> ARRAY[CAST(? AS text)]";
            return switch (op) {
                case EQ -> SqlFragment.of(contains, value);
                case NE -> SqlFragment.of("(" + col + " IS NULL OR NOT (" + contains + "))", value);
                // The alias is unusual on purpose: an alias the outer query also uses would capture col.
                default -> SqlFragment.of("EXISTS (SELECT 1 FROM unnest(" + col + ") AS q_elem(v) WHERE q_elem.v"
                        + " ILIKE ?)", likePattern(op, (String) value));
            };
        }
        return scalarComparison(col, op, value);
    }

    private static SqlFragment scalarComparison(String expr, Op op, Object value) {
        return scalarComparison(expr, List.of(), op, value);
    }

    /** {@code expr op ?}, where expr itself may need parameters (bound first). */
    private static SqlFragment scalarComparison(String expr, List<Object> exprParams, Op op, Object value) {
        String sql = switch (op) {
            case EQ -> expr + " = ?";
            case NE -> expr + " IS DISTINCT FROM ?";
            case CO, SW, EW -> expr + " ILIKE ?";
            case GT -> expr + " > ?";
            case GE -> expr + " >= ?";
            case LT -> expr + " < ?";
            case LE -> expr + " <= ?";
        };
        List<Object> params = new ArrayList<>(exprParams);
        params.add(switch (op) {
            case CO, SW, EW -> likePattern(op, (String) value);
            default -> value;
        });
        return new SqlFragment(sql, params);
    }

    private SqlFragment nullComparison(String expr, Compare c) {
        return switch (c.op()) {
            case EQ -> SqlFragment.of(expr + " IS NULL");
            case NE -> SqlFragment.of(expr + " IS NOT NULL");
            default -> throw QueryErrors.error(PARAM, QueryErrors.INVALID_VALUE, "null can only be compared with"
                    + " eq or ne, not '" + c.op().keyword() + "' (field '" + c.path() + "'" + at(c.value()) + ")");
        };
    }

    private static String likePattern(Op op, String value) {
        String escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return switch (op) {
            case CO -> "%" + escaped + "%";
            case SW -> escaped + "%";
            case EW -> "%" + escaped;
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    private Object coerce(FieldDef<?> def, Literal literal) {
        return switch (def.type()) {
            case STRING, STRING_ARRAY -> {
                String s = string(def, literal, "a string in double quotes");
                yield def.lowercaseValues() ? s.toLowerCase(Locale.ROOT) : s;
            }
            case ENUM -> {
                String s = string(def, literal, "one of " + String.join(", ", def.enumValues()));
                if (!def.enumValues().contains(s)) {
                    throw invalidValue(def, literal, "\"" + QueryErrors.quote(s) + "\" is not one of "
                            + String.join(", ", def.enumValues()));
                }
                yield s;
            }
            case NUMBER -> switch (literal) {
                case NumberLit n -> number(n.value(), literal);
                case StringLit s when JSON_NUMBER.matcher(s.value()).matches() -> {
                    try {
                        yield number(new BigDecimal(s.value()), literal);
                    } catch (NumberFormatException hugeExponent) {
                        throw invalidValue(def.name(), literal, "the number is out of range");
                    }
                }
                default -> throw invalidValue(def, literal, "expected a number");
            };
            case BOOLEAN -> switch (literal) {
                case BoolLit b -> b.value();
                case StringLit s when s.value().equals("true") || s.value().equals("false") ->
                        Boolean.valueOf(s.value());
                default -> throw invalidValue(def, literal, "expected true or false");
            };
            case TIMESTAMP -> timestamp(def, literal);
            case UUID -> {
                String s = string(def, literal, "a UUID in double quotes");
                if (!UUID_TEXT.matcher(s).matches()) {
                    throw invalidValue(def, literal, "expected a UUID such as \"0190c5d2-7e0c-7a3b-9f1e-2b4c6d8e0f12\"");
                }
                yield UUID.fromString(s);
            }
        };
    }

    private OffsetDateTime timestamp(FieldDef<?> def, Literal literal) {
        String expected = "expected an RFC 3339 timestamp such as \"2024-05-01T12:00:00Z\" or a relative time such as \"now-30d\"";
        String s = string(def, literal, expected);
        if (RelativeTime.looksRelative(s)) {
            Instant at = RelativeTime.resolve(s, now);
            if (at == null) {
                throw invalidValue(def, literal, "\"" + QueryErrors.quote(s) + "\" is not a relative time: write now, or now"
                        + " followed by + or - a whole number and one of s, m, h, d, w (e.g. \"now-30d\", \"now+12h\"),"
                        + " at most ten years away");
            }
            return at.atOffset(ZoneOffset.UTC);
        }
        if (RFC3339.matcher(s).matches()) {
            try {
                String iso = s.toUpperCase(Locale.ROOT).replace(' ', 'T');
                return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException impossibleDate) {
                // e.g. February 30th: same message as a malformed one
            }
        }
        throw invalidValue(def, literal, expected);
    }

    private String string(FieldDef<?> def, Literal literal, String expected) {
        if (literal instanceof StringLit s) {
            return storable(def.name(), s);
        }
        throw invalidValue(def, literal, "expected " + expected);
    }

    // The parser already refuses these; trees built elsewhere (GraphQL) reach the compiler unchecked.
    private String storable(String field, StringLit s) {
        String problem = QueryErrors.unstorableText(s.value());
        if (problem != null) {
            throw invalidValue(field, s, problem);
        }
        return s.value();
    }

    private BigDecimal number(BigDecimal n, Literal literal) {
        if (!QueryErrors.reasonableNumber(n)) {
            throw QueryErrors.error(PARAM, QueryErrors.INVALID_VALUE, "The number" + at(literal)
                    + " is out of range");
        }
        return n;
    }

    private TorreException invalidValue(FieldDef<?> def, Literal literal, String why) {
        return invalidValue(def.name(), literal, why);
    }

    private TorreException invalidValue(String field, Literal literal, String why) {
        return QueryErrors.error(PARAM, QueryErrors.INVALID_VALUE, "Invalid value for '" + field + "'"
                + at(literal) + ": " + why);
    }

    // ---- JSON properties

    /** The property name a path selects, or an unknown_field error if the path names nothing. */
    private String jsonProperty(String path, Filter node) {
        String prefix = registry.jsonPrefix().orElse(null);
        if (prefix != null && path.length() > prefix.length() + 1 && path.charAt(prefix.length()) == '.'
                && path.regionMatches(true, 0, prefix, 0, prefix.length())) {
            String name = path.substring(prefix.length() + 1);
            // The name goes out as a bind parameter anyway; validating it keeps the message honest and the
            // behaviour the same for trees that did not come through the parser.
            if (PROPERTY_NAME.matcher(name).matches()) {
                return name;
            }
            throw QueryErrors.error(PARAM, QueryErrors.UNKNOWN_FIELD, "Invalid property '" + QueryErrors.quote(path)
                    + "'" + at(node) + ": write " + prefix + ".<name> with one name of letters, digits and"
                    + " underscores (at most 64)");
        }
        throw QueryErrors.error(PARAM, QueryErrors.UNKNOWN_FIELD, "Unknown field '" + QueryErrors.quote(path) + "'"
                + at(node) + "; filterable fields: " + registry.filterableNames());
    }

    private String jsonSql() {
        return registry.jsonSql().orElseThrow();
    }

    private SqlFragment compareProperty(String name, Compare c) {
        String j = jsonSql();
        String typeOf = "jsonb_typeof(" + j + " -> ?)";
        Op op = c.op();
        record Typed(String jsonType, String expr, Set<Op> ops, Object value) {
        }
        Typed typed = switch (c.value()) {
            case NullLit n -> null;
            case StringLit s -> new Typed("string", j + " ->> ?", Set.of(Op.values()), storable(c.path(), s));
            case NumberLit n -> new Typed("number", "CAST(" + j + " ->> ? AS numeric)",
                    Set.of(Op.EQ, Op.NE, Op.GT, Op.GE, Op.LT, Op.LE), number(n.value(), n));
            case BoolLit b -> new Typed("boolean", "CAST(" + j + " ->> ? AS boolean)", Set.of(Op.EQ, Op.NE),
                    b.value());
        };
        if (typed == null) {
            String missing = "COALESCE(" + typeOf + ", 'null') = 'null'";
            return switch (op) {
                case EQ -> SqlFragment.of(missing, name);
                case NE -> SqlFragment.of("COALESCE(" + typeOf + ", 'null') <> 'null'", name);
                default -> nullComparison(j, c);
            };
        }
        if (!typed.ops().contains(op)) {
            throw QueryErrors.error(PARAM, QueryErrors.INVALID_OPERATOR, "Operator '" + op.keyword()
                    + "' cannot compare property '" + c.path() + "' with a " + typed.jsonType() + at(c) + "; use "
                    + allowed(typed.ops()));
        }
        // CASE, not AND: PostgreSQL may evaluate AND operands in any order, and casting a JSON string such as
        // "abc" to numeric would fail the whole query. A value of another JSON type compares as NULL.
        String guarded = "CASE WHEN " + typeOf + " = '" + typed.jsonType() + "' THEN " + typed.expr() + " END";
        return scalarComparison(guarded, List.of(name, name), op, typed.value());
    }

    // ---- messages

    private String at(Object node) {
        Integer pos = positions.get(node);
        return pos == null ? "" : " at position " + pos;
    }

    private static String allowed(Set<Op> ops) {
        String list = ops.stream().sorted().map(Op::keyword).collect(Collectors.joining(", "));
        return list + (list.isEmpty() ? "" : " or ") + "pr";
    }
}
