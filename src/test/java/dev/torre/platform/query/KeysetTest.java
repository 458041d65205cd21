package dev.torre.platform.query;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.Fixtures.Contact;
import dev.torre.platform.query.Keyset.All;
import dev.torre.platform.query.Keyset.Any;
import dev.torre.platform.query.Keyset.Cmp;
import dev.torre.platform.query.Keyset.Cond;
import dev.torre.platform.query.Keyset.IsNull;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.spec.SecretKeySpec;

import static dev.torre.platform.query.Fixtures.CONTACTS;
import static dev.torre.platform.query.Fixtures.queryError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class KeysetTest {

    private static final UUID ID = UUID.fromString("0190c5d2-7e0c-7a3b-9f1e-2b4c6d8e0f12");
    private static final OffsetDateTime T = OffsetDateTime.parse("2024-05-01T10:00:00Z");

    private static Contact contact(String lastName, OffsetDateTime updatedAt) {
        return new Contact(ID, "ann@example.com", lastName, "lead", new BigDecimal("12.50"), true, updatedAt, null,
                null);
    }

    private static SortSpec<Contact> sort(String text) {
        return SortSpec.parse(text, CONTACTS, null);
    }

    private static final String TENANT = "t1";
    private static final String LIST = "list-digest";
    private static final CursorSeal SEAL = new CursorSeal(new SecretKeySpec(new byte[32], "AES"));

    private static <E> Keyset<E> keyset(SortSpec<E> sort) {
        return new Keyset<>(sort, SEAL, TENANT, LIST);
    }

    private static String json(String cursor) {
        return new String(SEAL.open(cursor, TENANT).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** A cursor sealed exactly as the server seals one, around a document written by the test. */
    private static String cursorOf(String json) {
        return SEAL.seal(json.getBytes(StandardCharsets.UTF_8), TENANT);
    }

    // ---- round trips with exact SQL

    @Test
    void mixedDirections() {
        SortSpec<Contact> sort = sort("-updatedAt,lastName");
        String cursor = keyset(sort).cursor(contact("Smith", T.withOffsetSameInstant(ZoneOffset.ofHours(2))));
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertEquals("{\"e\":\"contact\",\"s\":\"-updatedAt,lastName,id\",\"l\":\"list-digest\",\"k\":[\"2024-05-01T10:00:00Z\",\"Smith\",\""
                + ID + "\"]}", json(cursor));
        SqlFragment after = keyset(sort).after(cursor);
        assertEquals("(c.updated_at < ? OR (c.updated_at = ? AND (c.last_name > ? OR c.last_name IS NULL))"
                + " OR (c.updated_at = ? AND c.last_name = ? AND c.id > ?))", after.sql());
        assertEquals(List.of(T, T, "Smith", T, "Smith", ID), after.params());
    }

    @Test
    void nullInDescendingKey() {
        SortSpec<Contact> sort = sort("-updatedAt,lastName");
        SqlFragment after = keyset(sort).after(keyset(sort).cursor(contact("Smith", null)));
        assertEquals("(c.updated_at IS NOT NULL OR (c.updated_at IS NULL AND (c.last_name > ? OR c.last_name IS NULL))"
                + " OR (c.updated_at IS NULL AND c.last_name = ? AND c.id > ?))", after.sql());
        assertEquals(List.of("Smith", "Smith", ID), after.params());
    }

    @Test
    void nullInAscendingKey() {
        SortSpec<Contact> sort = sort("-updatedAt,lastName");
        SqlFragment after = keyset(sort).after(keyset(sort).cursor(contact(null, T)));
        assertEquals("(c.updated_at < ? OR (c.updated_at = ? AND c.last_name IS NULL AND c.id > ?))", after.sql());
        assertEquals(List.of(T, T, ID), after.params());
    }

    @Test
    void idOnlyAndIdDescending() {
        assertEquals(new SqlFragment("c.id > ?", List.of(ID)),
                keyset(sort(null)).after(keyset(sort(null)).cursor(contact("x", T))));
        SortSpec<Contact> desc = sort("-id");
        assertEquals(new SqlFragment("c.id < ?", List.of(ID)), keyset(desc).after(keyset(desc).cursor(contact("x", T))));
    }

    @Test
    void everyTypeRoundTrips() {
        SortSpec<Contact> sort = sort("email,-lifecycleStage,score,-active,updatedAt");
        Contact row = new Contact(ID, "ann@example.com", "x", "mql", new BigDecimal("12.50"), false,
                OffsetDateTime.parse("2024-05-01T12:00:00.123456789+02:00"), null, null);
        List<Object> values = keyset(sort).decode(keyset(sort).cursor(row));
        assertEquals(6, values.size());
        assertEquals("ann@example.com", values.get(0));
        assertEquals("mql", values.get(1));
        assertEquals(0, new BigDecimal("12.5").compareTo((BigDecimal) values.get(2)));
        assertEquals(false, values.get(3));
        assertEquals(OffsetDateTime.parse("2024-05-01T10:00:00.123456789Z"), values.get(4));
        assertEquals(ID, values.get(5));
    }

    @Test
    void gettersMayReturnOtherNumberAndInstantTypes() {
        record Row(UUID id, Long n, Instant at) {
        }
        FieldRegistry<Row> reg = FieldRegistry.<Row>builder("row", "r.id", Row::id)
                .field("n", "r.n", FieldType.NUMBER, Row::n).sortable()
                .field("at", "r.at", FieldType.TIMESTAMP, Row::at).sortable()
                .build();
        SortSpec<Row> sort = SortSpec.parse("n,at", reg, null);
        Row row = new Row(ID, 9_007_199_254_740_993L, Instant.parse("2024-05-01T10:00:00Z"));
        assertEquals(List.of(new BigDecimal("9007199254740993"), T, ID), keyset(sort).decode(keyset(sort).cursor(row)));
    }

    // ---- exhaustive paging against an in-memory model

    record Row(UUID id, String name, Integer n, Instant at) {
    }

    private static final FieldRegistry<Row> ROWS = FieldRegistry.<Row>builder("row", "r.id", Row::id)
            .field("name", "r.name", FieldType.STRING, Row::name).sortable()
            .field("n", "r.n", FieldType.NUMBER, Row::n).sortable()
            .field("at", "r.at", FieldType.TIMESTAMP, Row::at).sortable()
            .build();

    /** Raw getters, so the expected order does not depend on the code under test. */
    private static final Map<String, Function<Row, Comparable<?>>> RAW = Map.of(
            "name", Row::name, "n", Row::n, "at", Row::at, "id", Row::id);

    private static List<Row> rows() {
        String[] names = {"ann", null, "bob", "ann", null, "bob", "ann", "cid", null, "ann", "bob", "cid"};
        Integer[] ns = {1, 1, null, 2, null, 1, null, 2, 2, 1, null, 1};
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Instant at = i % 3 == 0 ? null : base.plusSeconds(i % 2);
            // ids are small positive numbers, so Java's signed UUID order matches PostgreSQL's byte order
            rows.add(new Row(new UUID(0, (i * 7) % names.length + 1), names[i], ns[i], at));
        }
        Collections.shuffle(rows, new Random(42));
        return rows;
    }

    /** NULL is the greatest value; descending reverses everything, NULLs included. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Row> expectedOrder(SortSpec<Row> sort) {
        Comparator<Row> order = (a, b) -> 0;
        for (SortSpec.Key<Row> key : sort.keys()) {
            Function<Row, Comparable<?>> get = RAW.get(key.field().name());
            Comparator<Row> byKey = Comparator.comparing(r -> (Comparable) get.apply(r),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            order = order.thenComparing(key.descending() ? byKey.reversed() : byKey);
        }
        return order;
    }

    /** Evaluates the keyset condition the way PostgreSQL evaluates its rendering. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean holds(Cond cond, Row row) {
        return switch (cond) {
            case Cmp c -> {
                Object v = ((FieldDef<Row>) c.field()).value(row);
                if (v == null) {
                    yield false;
                }
                int cmp = ((Comparable) v).compareTo(c.value());
                yield switch (c.rel()) {
                    case EQ -> cmp == 0;
                    case LT -> cmp < 0;
                    case GT -> cmp > 0;
                };
            }
            case IsNull n -> (((FieldDef<Row>) n.field()).value(row) == null) == n.isNull();
            case All a -> a.parts().stream().allMatch(p -> holds(p, row));
            case Any a -> a.parts().stream().anyMatch(p -> holds(p, row));
        };
    }

    private static List<String> sortTexts() {
        List<String> texts = new ArrayList<>();
        List<String> fields = List.of("name", "n", "at");
        for (String a : fields) {
            texts.add(a);
            for (String b : fields) {
                if (b.equals(a)) {
                    continue;
                }
                texts.add(a + "," + b);
                for (String c : fields) {
                    if (!c.equals(a) && !c.equals(b)) {
                        texts.add(a + "," + b + "," + c);
                    }
                }
            }
        }
        List<String> withDirections = new ArrayList<>();
        for (String text : texts) {
            String[] keys = text.split(",");
            for (int mask = 0; mask < 1 << keys.length; mask++) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < keys.length; i++) {
                    s.append(i == 0 ? "" : ",").append((mask & 1 << i) != 0 ? "-" : "").append(keys[i]);
                }
                withDirections.add(s.toString());
            }
        }
        withDirections.addAll(List.of("-id", "name,-id", "-n,id,name", "id"));
        return withDirections;
    }

    @Test
    void conditionMatchesExactlyTheRowsAfterTheCursor() {
        List<Row> rows = rows();
        int checked = 0;
        for (String text : sortTexts()) {
            SortSpec<Row> sort = SortSpec.parse(text, ROWS, null);
            Comparator<Row> order = expectedOrder(sort);
            for (Row cursorRow : rows) {
                Cond cond = keyset(sort).predicate(keyset(sort).cursor(cursorRow));
                for (Row candidate : rows) {
                    assertEquals(order.compare(candidate, cursorRow) > 0, holds(cond, candidate),
                            () -> text + " after " + cursorRow + ": " + candidate);
                    checked++;
                }
            }
        }
        assertEquals((3 * 2 + 6 * 4 + 6 * 8 + 4) * 144, checked);
    }

    @Test
    void pagingVisitsEveryRowOnceInOrder() {
        List<Row> rows = rows();
        for (String text : sortTexts()) {
            SortSpec<Row> sort = SortSpec.parse(text, ROWS, null);
            List<Row> expected = rows.stream().sorted(expectedOrder(sort)).toList();
            for (int size = 1; size <= 5; size++) {
                List<Row> visited = new ArrayList<>();
                String cursor = null;
                for (int pages = 0; ; pages++) {
                    if (pages > rows.size()) {
                        fail("paging does not end for " + text);
                    }
                    Cond after = cursor == null ? null : keyset(sort).predicate(cursor);
                    List<Row> page = expected.stream().filter(r -> after == null || holds(after, r)).limit(size)
                            .toList();
                    if (page.isEmpty()) {
                        break;
                    }
                    visited.addAll(page);
                    cursor = keyset(sort).cursor(page.getLast());
                    // the SQL rendering of the same condition must bind one parameter per placeholder
                    assertFalse(keyset(sort).after(cursor).isEmpty());
                }
                assertEquals(expected, visited, text + " with page size " + size);
            }
        }
    }

    // ---- bad cursors

    @Test
    void cursorForAnotherSort() {
        String cursor = keyset(sort("lastName")).cursor(contact("Smith", T));
        String message = queryError("cursor", "invalid_cursor", () -> keyset(sort("-lastName")).after(cursor));
        assertEquals("The cursor was made for sort lastName,id; repeat the same sort or start without a cursor",
                message);
    }

    @Test
    void cursorForAnotherEntity() {
        FieldRegistry<Contact> companies = FieldRegistry.<Contact>builder("company", "co.id", Contact::id)
                .field("lastName", "co.name", FieldType.STRING, Contact::lastName).sortable().build();
        String cursor = keyset(sort("lastName")).cursor(contact("Smith", T));
        String message = queryError("cursor", "invalid_cursor",
                () -> keyset(SortSpec.parse("lastName", companies, null)).after(cursor));
        assertTrue(message.startsWith("The cursor belongs to a different list"), message);
    }

    @Test
    void cursorForAnotherFilterOrSearch() {
        String cursor = keyset(sort("lastName")).cursor(contact("Smith", T));
        String message = queryError("cursor", "invalid_cursor",
                () -> new Keyset<>(sort("lastName"), SEAL, TENANT, "another-list").after(cursor));
        assertEquals("The cursor was made for another filter or search; repeat the same filter and search text, or start"
                + " without a cursor", message);
    }

    @Test
    void cursorOfAnotherTenantOrKeyOpensNowhere() {
        SortSpec<Contact> sort = sort("lastName");
        String cursor = keyset(sort).cursor(contact("Smith", T));
        String message = queryError("cursor", "invalid_cursor", () -> new Keyset<>(sort, SEAL, "t2", LIST).after(cursor));
        assertTrue(message.startsWith("The cursor is not valid"), message);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        CursorSeal other = new CursorSeal(new SecretKeySpec(otherKey, "AES"));
        queryError("cursor", "invalid_cursor", () -> new Keyset<>(sort, other, TENANT, LIST).after(cursor));
        // the unsealed form, as cursors were once written, is refused
        String plain = Base64.getUrlEncoder().withoutPadding().encodeToString(json(cursor).getBytes(StandardCharsets.UTF_8));
        queryError("cursor", "invalid_cursor", () -> keyset(sort).after(plain));
    }

    @Test
    void cursorsAreOpaqueAndNeverRepeat() {
        SortSpec<Contact> sort = sort("lastName,score");
        Contact row = contact("Smith", T);
        String first = keyset(sort).cursor(row);
        String second = keyset(sort).cursor(row);
        assertFalse(first.equals(second), "a fresh nonce per cursor");
        String bytes = new String(Base64.getUrlDecoder().decode(first), StandardCharsets.ISO_8859_1);
        for (String value : List.of("Smith", "12.5", "12.50", "lastName", ID.toString())) {
            assertFalse(bytes.contains(value), "readable: " + value);
        }
        assertEquals(keyset(sort).decode(first), keyset(sort).decode(second));
    }

    private static final String GOOD = "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"" + ID + "\"]}";

    @Test
    void handMadeGoodCursorIsAccepted() {
        // guards the tampering cases below: each differs from this document in one respect only
        assertEquals(List.of(BigDecimal.valueOf(12), BigDecimal.valueOf(12), ID),
                keyset(sort("score")).after(cursorOf(GOOD)).params());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[\"12\",\"" + "ID" + "\"]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,null]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"not-a-uuid\"]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,42]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"ID\",3]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[true,\"ID\"]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[[12],\"ID\"]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[1e999999999,\"ID\"]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":{\"0\":12}}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"ID\"],\"x\":1}",
            "{\"e\":\"contact\",\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"ID\"]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"ID\"]} {}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"ID\"]",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[NaN,\"ID\"]}",
            "{\"e\":1,\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"ID\"]}",
            "{\"s\":\"score,id\",\"l\":\"list-digest\",\"k\":[12,\"ID\"]}",
            "[\"contact\",\"score,id\",[12,\"ID\"]]",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"k\":[12,\"ID\"]}",
            "{\"e\":\"contact\",\"s\":\"score,id\",\"l\":7,\"k\":[12,\"ID\"]}",
            "null",
            "",
            "garbage"})
    void malformedDocuments(String document) {
        String cursor = cursorOf(document.replace("ID", ID.toString()));
        String message = queryError("cursor", "invalid_cursor", () -> keyset(sort("score")).after(cursor));
        assertTrue(message.startsWith("The cursor is"), message);
    }

    @Test
    void wrongTypedValuesPerFieldType() {
        SortSpec<Contact> sort = sort("lastName,lifecycleStage,active,updatedAt");
        String prefix = "{\"e\":\"contact\",\"s\":\"lastName,lifecycleStage,active,updatedAt,id\",\"l\":\"list-digest\",\"k\":[";
        String suffix = ",\"" + ID + "\"]}";
        assertEquals(5, keyset(sort).decode(cursorOf(prefix + "\"a\",\"lead\",true,\"2024-05-01T10:00:00Z\"" + suffix))
                .size());
        for (String values : List.of(
                "1,\"lead\",true,\"2024-05-01T10:00:00Z\"",
                "\"a\\u0000\",\"lead\",true,\"2024-05-01T10:00:00Z\"",
                "\"\\ud800\",\"lead\",true,\"2024-05-01T10:00:00Z\"",
                "\"a\",false,true,\"2024-05-01T10:00:00Z\"",
                "\"a\",\"lead\",\"true\",\"2024-05-01T10:00:00Z\"",
                "\"a\",\"lead\",true,\"2024-13-01T10:00:00Z\"",
                "\"a\",\"lead\",true,1714557600")) {
            queryError("cursor", "invalid_cursor", () -> keyset(sort).decode(cursorOf(prefix + values + suffix)));
        }
    }

    @Test
    void encodingProblems() {
        String good = cursorOf(GOOD);
        SortSpec<Contact> sort = sort("score");
        for (String bad : List.of("", "!!!!", good + "=", good + "==", good.substring(0, good.length() - 1),
                good.substring(0, good.length() / 2), good + "A", " " + good, good + "\n",
                "A".repeat(Keyset.MAX_CURSOR_LENGTH + 1), "/w", "wA")) {
            queryError("cursor", "invalid_cursor", () -> keyset(sort).after(bad));
        }
        queryError("cursor", "invalid_cursor", () -> keyset(sort).after(null));
        // invalid UTF-8 inside the JSON string
        byte[] bytes = GOOD.replace("contact", "contac\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        String latin1 = SEAL.seal(bytes, TENANT);
        queryError("cursor", "invalid_cursor", () -> keyset(sort).after(latin1));
        String nested = cursorOf("[".repeat(1600) + "]".repeat(1600));
        assertTrue(nested.length() > Keyset.MAX_CURSOR_LENGTH);
        queryError("cursor", "invalid_cursor", () -> keyset(sort).after(nested));
        String nestedShort = cursorOf("{\"e\":" + "[".repeat(700) + "]".repeat(700) + "}");
        assertTrue(nestedShort.length() <= Keyset.MAX_CURSOR_LENGTH);
        queryError("cursor", "invalid_cursor", () -> keyset(sort).after(nestedShort));
    }

    /** Every one-character change or deletion is either refused as invalid_cursor or keeps the SQL shape. */
    @Test
    void singleCharacterTampering() {
        SortSpec<Contact> sort = sort("-updatedAt,lastName,score");
        String cursor = keyset(sort).cursor(contact("Smith", T));
        String sql = keyset(sort).after(cursor).sql();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.%";
        int refused = 0;
        int accepted = 0;
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < cursor.length(); i++) {
            variants.add(cursor.substring(0, i) + cursor.substring(i + 1));
            for (char c : alphabet.toCharArray()) {
                if (c != cursor.charAt(i)) {
                    variants.add(cursor.substring(0, i) + c + cursor.substring(i + 1));
                }
            }
        }
        for (String variant : variants) {
            try {
                assertEquals(sql, keyset(sort).after(variant).sql(), variant);
                accepted++;
            } catch (TorreException e) {
                assertEquals("invalid_cursor", e.errors().getFirst().code(), variant);
                refused++;
            }
        }
        assertEquals(variants.size(), refused + accepted);
        assertEquals(0, accepted, "a sealed cursor takes no change");
    }

    @Test
    void encodeRefusesRowsWithoutId() {
        Contact noId = new Contact(null, null, null, null, null, null, null, null, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keyset(sort("lastName")).cursor(noId));
        assertEquals("row without an id", e.getMessage());
    }
}
