package dev.torre.platform.query;

import dev.torre.platform.query.Filter.BoolLit;
import dev.torre.platform.query.Filter.Compare;
import dev.torre.platform.query.Filter.Not;
import dev.torre.platform.query.Filter.NumberLit;
import dev.torre.platform.query.Filter.Op;
import dev.torre.platform.query.Filter.Or;
import dev.torre.platform.query.Filter.Present;
import dev.torre.platform.query.Filter.StringLit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.torre.platform.query.Fixtures.CONTACTS;
import static dev.torre.platform.query.Fixtures.queryError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class FilterCompilerTest {

    private static final UUID COMPANY = UUID.fromString("0190c5d2-7e0c-7a3b-9f1e-2b4c6d8e0f12");
    private static final OffsetDateTime TEN_UTC = OffsetDateTime.parse("2024-05-01T10:00:00Z");
    private static final String TAGS_CONTAIN = "c.tags @> ARRAY[CAST(? AS text)]";
    private static final String TAGS_ANY = "EXISTS (SELECT 1 FROM unnest(c.tags) AS q_elem(v) WHERE q_elem.v ILIKE ?)";
    private static final String JSON_STRING = "CASE WHEN jsonb_typeof(c.properties -> ?) = 'string'"
            + " THEN c.properties ->> ? END";
    private static final String JSON_NUMBER = "CASE WHEN jsonb_typeof(c.properties -> ?) = 'number'"
            + " THEN CAST(c.properties ->> ? AS numeric) END";
    private static final String JSON_BOOLEAN = "CASE WHEN jsonb_typeof(c.properties -> ?) = 'boolean'"
            + " THEN CAST(c.properties ->> ? AS boolean) END";

    private static Arguments sql(String filter, String sql, Object... params) {
        return arguments(filter, sql, Arrays.asList(params));
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                // STRING
                sql("lastName eq \"Smith\"", "c.last_name = ?", "Smith"),
                sql("lastName ne \"Smith\"", "c.last_name IS DISTINCT FROM ?", "Smith"),
                sql("lastName co \"50%_\\\\x\"", "c.last_name ILIKE ?", "%50\\%\\_\\\\x%"),
                sql("lastName sw \"Sm\"", "c.last_name ILIKE ?", "Sm%"),
                sql("lastName ew \"th\"", "c.last_name ILIKE ?", "%th"),
                sql("lastName gt \"M\"", "c.last_name > ?", "M"),
                sql("lastName ge \"M\"", "c.last_name >= ?", "M"),
                sql("lastName lt \"M\"", "c.last_name < ?", "M"),
                sql("lastName le \"M\"", "c.last_name <= ?", "M"),
                sql("lastName pr", "(c.last_name IS NOT NULL AND c.last_name <> '')"),
                sql("lastName eq null", "c.last_name IS NULL"),
                sql("lastName ne null", "c.last_name IS NOT NULL"),
                sql("LASTNAME eq \"Smith\"", "c.last_name = ?", "Smith"),
                sql("email eq \"Ann@Example.COM\"", "c.email = ?", "ann@example.com"),
                sql("email ne \"Ann@Example.COM\"", "c.email IS DISTINCT FROM ?", "ann@example.com"),
                sql("email co \"EXAMPLE\"", "c.email ILIKE ?", "%example%"),
                sql("source.campaign eq \"Spring\"", "c.utm_campaign = ?", "Spring"),
                // ENUM
                sql("lifecycleStage eq \"mql\"", "c.lifecycle_stage = ?", "mql"),
                sql("lifecycleStage ne \"mql\"", "c.lifecycle_stage IS DISTINCT FROM ?", "mql"),
                sql("lifecycleStage pr", "c.lifecycle_stage IS NOT NULL"),
                sql("lifecycleStage eq null", "c.lifecycle_stage IS NULL"),
                // NUMBER
                sql("score eq 42", "c.score = ?", new BigDecimal("42")),
                sql("score eq \"42.5\"", "c.score = ?", new BigDecimal("42.5")),
                sql("score ne -1", "c.score IS DISTINCT FROM ?", new BigDecimal("-1")),
                sql("score gt 1e2", "c.score > ?", new BigDecimal("1e2")),
                sql("score ge 1", "c.score >= ?", BigDecimal.ONE),
                sql("score lt 1", "c.score < ?", BigDecimal.ONE),
                sql("score le 1", "c.score <= ?", BigDecimal.ONE),
                sql("score pr", "c.score IS NOT NULL"),
                // BOOLEAN
                sql("active eq true", "c.active = ?", true),
                sql("active eq \"false\"", "c.active = ?", false),
                sql("active ne false", "c.active IS DISTINCT FROM ?", false),
                sql("active pr", "c.active IS NOT NULL"),
                // TIMESTAMP
                sql("updatedAt eq \"2024-05-01T10:00:00Z\"", "c.updated_at = ?", TEN_UTC),
                sql("updatedAt ne \"2024-05-01T10:00:00Z\"", "c.updated_at IS DISTINCT FROM ?", TEN_UTC),
                sql("updatedAt gt \"2024-05-01T12:00:00+02:00\"", "c.updated_at > ?", TEN_UTC),
                sql("updatedAt ge \"2024-05-01t10:00:00z\"", "c.updated_at >= ?", TEN_UTC),
                sql("updatedAt lt \"2024-05-01 10:00:00.5Z\"", "c.updated_at < ?", TEN_UTC.plusNanos(500_000_000)),
                sql("updatedAt le \"2024-05-01T05:30:00-04:30\"", "c.updated_at <= ?", TEN_UTC),
                sql("updatedAt pr", "c.updated_at IS NOT NULL"),
                // UUID
                sql("companyId eq \"0190C5D2-7E0C-7A3B-9F1E-2B4C6D8E0F12\"", "c.company_id = ?", COMPANY),
                sql("companyId ne \"" + COMPANY + "\"", "c.company_id IS DISTINCT FROM ?", COMPANY),
                sql("companyId pr", "c.company_id IS NOT NULL"),
                sql("id eq \"" + COMPANY + "\"", "c.id = ?", COMPANY),
                // STRING_ARRAY
                sql("tags eq \"VIP\"", TAGS_CONTAIN, "vip"),
                sql("tags ne \"vip\"", "(c.tags IS NULL OR NOT (" + TAGS_CONTAIN + "))", "vip"),
                sql("tags co \"i_p\"", TAGS_ANY, "%i\\_p%"),
                sql("tags sw \"vi\"", TAGS_ANY, "vi%"),
                sql("tags ew \"ip\"", TAGS_ANY, "%ip"),
                sql("tags pr", "cardinality(c.tags) > 0"),
                sql("tags eq null", "c.tags IS NULL"),
                // JSON properties, typed by the literal
                sql("properties.plan eq \"pro\"", JSON_STRING + " = ?", "plan", "plan", "pro"),
                sql("properties.plan ne \"pro\"", JSON_STRING + " IS DISTINCT FROM ?", "plan", "plan", "pro"),
                sql("properties.plan co \"r%\"", JSON_STRING + " ILIKE ?", "plan", "plan", "%r\\%%"),
                sql("properties.plan gt \"b\"", JSON_STRING + " > ?", "plan", "plan", "b"),
                sql("Properties.Plan eq \"x\"", JSON_STRING + " = ?", "Plan", "Plan", "x"),
                sql("properties.seats eq 10", JSON_NUMBER + " = ?", "seats", "seats", BigDecimal.TEN),
                sql("properties.seats ne 10", JSON_NUMBER + " IS DISTINCT FROM ?", "seats", "seats", BigDecimal.TEN),
                sql("properties.seats ge 1.5", JSON_NUMBER + " >= ?", "seats", "seats", new BigDecimal("1.5")),
                sql("properties.seats le 1.5", JSON_NUMBER + " <= ?", "seats", "seats", new BigDecimal("1.5")),
                sql("properties.vip eq true", JSON_BOOLEAN + " = ?", "vip", "vip", true),
                sql("properties.vip ne true", JSON_BOOLEAN + " IS DISTINCT FROM ?", "vip", "vip", true),
                sql("properties.vip pr", "COALESCE(jsonb_typeof(c.properties -> ?), 'null') <> 'null'", "vip"),
                sql("properties.vip eq null", "COALESCE(jsonb_typeof(c.properties -> ?), 'null') = 'null'", "vip"),
                sql("properties.vip ne null", "COALESCE(jsonb_typeof(c.properties -> ?), 'null') <> 'null'", "vip"),
                // connectives
                sql("lastName eq \"a\" and email eq \"b\" and score gt 1",
                        "(c.last_name = ? AND c.email = ? AND c.score > ?)", "a", "b", BigDecimal.ONE),
                sql("lastName eq \"a\" or email eq \"b\" and score gt 1",
                        "(c.last_name = ? OR (c.email = ? AND c.score > ?))", "a", "b", BigDecimal.ONE),
                sql("(lastName eq \"a\" or email eq \"b\") and (score gt 1 or score lt 0)",
                        "((c.last_name = ? OR c.email = ?) AND (c.score > ? OR c.score < ?))",
                        "a", "b", BigDecimal.ONE, BigDecimal.ZERO),
                sql("lastName pr and (active pr and score pr)",
                        "((c.last_name IS NOT NULL AND c.last_name <> '') AND c.active IS NOT NULL"
                                + " AND c.score IS NOT NULL)"),
                sql("not (lastName eq \"a\" or active eq true)",
                        "NOT COALESCE((c.last_name = ? OR c.active = ?), false)", "a", true),
                sql("not (not (score pr))", "NOT COALESCE(NOT COALESCE(c.score IS NOT NULL, false), false)"));
    }

    @ParameterizedTest
    @MethodSource
    void valid(String filter, String sql, List<Object> params) {
        SqlFragment fragment = FilterCompiler.compile(filter, CONTACTS, Fixtures.NOW);
        assertEquals(sql, fragment.sql());
        assertEquals(params, fragment.params());
        assertEquals(fragment, FilterCompiler.compile(FilterParser.parse(filter), CONTACTS, Fixtures.NOW));
    }

    /** A value each field type accepts, for the operator matrix. */
    private static final Map<String, String> SAMPLE = Map.of(
            "lastName", "\"x\"",
            "lifecycleStage", "\"lead\"",
            "score", "1",
            "active", "true",
            "updatedAt", "\"2024-05-01T10:00:00Z\"",
            "companyId", "\"" + COMPANY + "\"",
            "tags", "\"x\"");

    static Stream<Arguments> operatorMatrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String field : SAMPLE.keySet()) {
            for (Op op : Op.values()) {
                cases.add(arguments(field, op));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource
    void operatorMatrix(String field, Op op) {
        FieldDef<?> def = CONTACTS.field(field).orElseThrow();
        String filter = field + " " + op.keyword() + " " + SAMPLE.get(field);
        boolean allowed = switch (def.type()) {
            case STRING -> true;
            case ENUM, BOOLEAN, UUID -> op == Op.EQ || op == Op.NE;
            case NUMBER, TIMESTAMP -> op != Op.CO && op != Op.SW && op != Op.EW;
            case STRING_ARRAY -> op == Op.EQ || op == Op.NE || op == Op.CO || op == Op.SW || op == Op.EW;
        };
        if (allowed) {
            SqlFragment fragment = FilterCompiler.compile(filter, CONTACTS, Fixtures.NOW);
            assertTrue(fragment.sql().startsWith(def.sql()) || fragment.sql().contains("(" + def.sql()),
                    fragment.sql());
            assertEquals(1, fragment.params().size());
        } else {
            String message = queryError("filter", "invalid_operator", () -> FilterCompiler.compile(filter, CONTACTS, Fixtures.NOW));
            assertTrue(message.startsWith("Operator '" + op.keyword() + "' cannot be used on field '" + field
                    + "' (" + def.type().label() + ") at position 1; use "), message);
        }
        // pr is allowed on every type
        assertFalse(FilterCompiler.compile(field + " pr", CONTACTS, Fixtures.NOW).isEmpty());
    }

    @Test
    void invalidOperatorMessageListsAlternatives() {
        String message = queryError("filter", "invalid_operator",
                () -> FilterCompiler.compile("lastName pr or lifecycleStage co \"le\"", CONTACTS, Fixtures.NOW));
        assertEquals("Operator 'co' cannot be used on field 'lifecycleStage' (enum) at position 16; use eq, ne or pr",
                message);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments("lastName eq 5", "Invalid value for 'lastName' at position 13: expected a string in double"
                        + " quotes"),
                arguments("lastName eq true", "expected a string"),
                arguments("tags eq 3", "Invalid value for 'tags' at position 9"),
                arguments("lifecycleStage eq \"LEAD\"", "Invalid value for 'lifecycleStage' at position 19: \"LEAD\""
                        + " is not one of lead, mql, sql, customer"),
                arguments("lifecycleStage eq 1", "expected one of lead, mql, sql, customer"),
                arguments("score eq \"abc\"", "Invalid value for 'score' at position 10: expected a number"),
                arguments("score eq \" 1\"", "expected a number"),
                arguments("score eq true", "expected a number"),
                arguments("score eq \"1e999999999\"", "out of range"),
                arguments("score eq \"1e99999999999\"", "out of range"),
                arguments("active eq \"yes\"", "Invalid value for 'active' at position 11: expected true or false"),
                arguments("active eq 1", "expected true or false"),
                arguments("updatedAt gt \"2024-05-01\"", "Invalid value for 'updatedAt' at position 14: expected an"
                        + " RFC 3339 timestamp such as \"2024-05-01T12:00:00Z\""),
                arguments("updatedAt gt \"2024-02-30T00:00:00Z\"", "RFC 3339"),
                arguments("updatedAt gt \"2024-05-01T12:00Z\"", "RFC 3339"),
                arguments("updatedAt gt \"2024-05-01T25:00:00Z\"", "RFC 3339"),
                arguments("updatedAt gt \"2024-05-01T12:00:00\"", "RFC 3339"),
                arguments("updatedAt gt 1714557600", "RFC 3339"),
                arguments("companyId eq \"not-a-uuid\"", "Invalid value for 'companyId' at position 14: expected a"
                        + " UUID"),
                arguments("companyId eq \"1-1-1-1-1\"", "expected a UUID"),
                arguments("companyId eq \"0190c5d27e0c7a3b9f1e2b4c6d8e0f12\"", "expected a UUID"),
                arguments("lastName gt null", "null can only be compared with eq or ne, not 'gt' (field 'lastName'"
                        + " at position 13)"),
                arguments("tags co null", "null can only be compared with eq or ne"),
                arguments("properties.x lt null", "null can only be compared with eq or ne"));
    }

    @ParameterizedTest
    @MethodSource
    void invalidValues(String filter, String message) {
        String actual = queryError("filter", "invalid_value", () -> FilterCompiler.compile(filter, CONTACTS, Fixtures.NOW));
        assertTrue(actual.contains(message), actual);
    }

    @Test
    void unknownFieldNamesFieldPositionAndAlternatives() {
        String message = queryError("filter", "unknown_field",
                () -> FilterCompiler.compile("lastName pr and emial eq \"x\"", CONTACTS, Fixtures.NOW));
        assertEquals("Unknown field 'emial' at position 17; filterable fields: id, email, lastName, lifecycleStage,"
                + " score, active, updatedAt, companyId, tags, source.campaign, properties.<name>", message);
    }

    static Stream<Arguments> unknownFields() {
        return Stream.of(
                arguments("source pr", "Unknown field 'source'"),
                arguments("source.medium eq \"x\"", "Unknown field 'source.medium'"),
                arguments("properties pr", "Unknown field 'properties'"),
                arguments("properties.a.b eq \"x\"", "Invalid property 'properties.a.b' at position 1: write"
                        + " properties.<name>"),
                arguments("propertiesx.a eq \"x\"", "Unknown field 'propertiesx.a'"));
    }

    @ParameterizedTest
    @MethodSource
    void unknownFields(String filter, String message) {
        String actual = queryError("filter", "unknown_field", () -> FilterCompiler.compile(filter, CONTACTS, Fixtures.NOW));
        assertTrue(actual.startsWith(message), actual);
    }

    static Stream<Arguments> propertyOperatorErrors() {
        return Stream.of(
                arguments("properties.vip gt true", "Operator 'gt' cannot compare property 'properties.vip' with a"
                        + " boolean at position 1; use eq, ne or pr"),
                arguments("properties.seats co 1", "Operator 'co' cannot compare property 'properties.seats' with a"
                        + " number at position 1; use eq, ne, gt, ge, lt, le or pr"));
    }

    @ParameterizedTest
    @MethodSource
    void propertyOperatorErrors(String filter, String message) {
        assertEquals(message, queryError("filter", "invalid_operator", () -> FilterCompiler.compile(filter, CONTACTS, Fixtures.NOW)));
    }

    @Test
    void propertiesNeedARegisteredJsonColumn() {
        FieldRegistry<Fixtures.Contact> plain = FieldRegistry.<Fixtures.Contact>builder("contact", "c.id",
                Fixtures.Contact::id).build();
        String message = queryError("filter", "unknown_field",
                () -> FilterCompiler.compile("properties.plan eq \"x\"", plain, Fixtures.NOW));
        assertEquals("Unknown field 'properties.plan' at position 1; filterable fields: id", message);
    }

    static Stream<String> hostileValues() {
        return Stream.of("x' OR 1=1 --", "'; DROP TABLE contacts; --", "\" OR \"\"=\"", "?", "$1", "\\'", "*/ /*",
                "c.id", "') OR ('a'='a", "%' --");
    }

    /** Caller values never change the SQL text, only the parameters. */
    @ParameterizedTest
    @MethodSource("hostileValues")
    void valuesOnlyReachParameters(String hostile) {
        String quoted = "\"" + hostile.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        for (String template : List.of("lastName eq %s", "lastName ne %s", "lastName co %s", "email sw %s",
                "lastName gt %s", "tags eq %s", "tags ew %s", "properties.plan eq %s", "properties.plan co %s",
                "not (lastName eq %s or tags ne %s)")) {
            SqlFragment benign = FilterCompiler.compile(template.replace("%s", "\"a\""), CONTACTS, Fixtures.NOW);
            SqlFragment attack = FilterCompiler.compile(template.replace("%s", quoted), CONTACTS, Fixtures.NOW);
            assertEquals(benign.sql(), attack.sql(), template);
            assertEquals(benign.params().size(), attack.params().size(), template);
        }
        SqlFragment f = FilterCompiler.compile("lastName eq " + quoted, CONTACTS, Fixtures.NOW);
        assertEquals("c.last_name = ?", f.sql());
        assertEquals(List.of(hostile), f.params());
    }

    @Test
    void injectionExampleFromTheBrief() {
        SqlFragment f = FilterCompiler.compile("lastName eq \"x' OR 1=1 --\"", CONTACTS, Fixtures.NOW);
        assertEquals(new SqlFragment("c.last_name = ?", List.of("x' OR 1=1 --")), f);
    }

    @Test
    void propertyNamesAreParametersNotSql() {
        SqlFragment a = FilterCompiler.compile("properties.plan eq \"x\"", CONTACTS, Fixtures.NOW);
        SqlFragment b = FilterCompiler.compile("properties.Robert_drop_table eq \"x\"", CONTACTS, Fixtures.NOW);
        assertEquals(a.sql(), b.sql());
        assertEquals(List.of("Robert_drop_table", "Robert_drop_table", "x"), b.params());
        assertFalse(b.sql().contains("Robert"));
    }

    // ---- trees built without the parser, as the GraphQL layer does

    @Test
    void treePropertyNamesAreValidated() {
        for (String path : List.of("properties.x'--", "properties.", "properties.a b", "properties." + "a".repeat(65))) {
            String message = queryError("filter", "unknown_field",
                    () -> FilterCompiler.compile(new Compare(path, Op.EQ, new StringLit("x")), CONTACTS, Fixtures.NOW));
            assertFalse(message.contains("position"), message);
        }
        assertEquals(List.of("a".repeat(64), "a".repeat(64), "x"), FilterCompiler.compile(
                new Compare("properties." + "a".repeat(64), Op.EQ, new StringLit("x")), CONTACTS, Fixtures.NOW).params());
    }

    @Test
    void treeValuesAreValidated() {
        queryError("filter", "invalid_value", () -> FilterCompiler.compile(
                new Compare("lastName", Op.EQ, new StringLit("a\u0000b")), CONTACTS, Fixtures.NOW));
        queryError("filter", "invalid_value", () -> FilterCompiler.compile(
                new Compare("properties.plan", Op.EQ, new StringLit("\uD800")), CONTACTS, Fixtures.NOW));
        queryError("filter", "invalid_value", () -> FilterCompiler.compile(
                new Compare("score", Op.GT, new NumberLit(new BigDecimal("1e2000"))), CONTACTS, Fixtures.NOW));
        queryError("filter", "invalid_value", () -> FilterCompiler.compile(
                new Compare("properties.n", Op.GT, new NumberLit(new BigDecimal("1e2000"))), CONTACTS, Fixtures.NOW));
        String message = queryError("filter", "invalid_value", () -> FilterCompiler.compile(
                new Compare("active", Op.EQ, new StringLit("maybe")), CONTACTS, Fixtures.NOW));
        assertEquals("Invalid value for 'active': expected true or false", message);
    }

    private static Filter orChain(int comparisons) {
        Filter f = new Present("score");
        for (int i = 1; i < comparisons; i++) {
            f = new Or(f, new Compare("active", Op.EQ, new BoolLit(true)));
        }
        return f;
    }

    @Test
    void treeSizeIsLimited() {
        assertEquals(49, FilterCompiler.compile(orChain(50), CONTACTS, Fixtures.NOW).params().size());
        assertEquals("The filter has 51 comparisons; the limit is 50",
                queryError("filter", "too_complex", () -> FilterCompiler.compile(orChain(51), CONTACTS, Fixtures.NOW)));
        Filter deep = new Present("score");
        for (int i = 0; i < 10_000; i++) {
            deep = new Not(deep);
        }
        Filter tooDeep = deep;
        queryError("filter", "too_complex", () -> FilterCompiler.compile(tooDeep, CONTACTS, Fixtures.NOW));
        Filter ok = new Present("score");
        for (int i = 1; i < FilterCompiler.MAX_TREE_DEPTH; i++) {
            ok = new Not(ok);
        }
        assertTrue(FilterCompiler.compile(ok, CONTACTS, Fixtures.NOW).sql().startsWith("NOT COALESCE(NOT COALESCE("));
    }
}
