package dev.torre.platform.query;

import static dev.torre.platform.query.Fixtures.CONTACTS;
import static dev.torre.testing.Theories.below;
import static dev.torre.testing.Theories.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.Fixtures.Contact;
import dev.torre.testing.Theories;

/**
 * Keyset cursors on generated rows and sorts: a cursor decodes to the values of the row it was made from, and any
 * change to a cursor, or text that never was one, is a 400 invalid_cursor, never another exception.
 */
class KeysetPropertiesTest {

    private static final CursorSeal SEAL = new CursorSeal(new SecretKeySpec(new byte[32], "AES"));
    private static final String[] SORTABLE = { "email", "lastName", "lifecycleStage", "score", "active", "updatedAt", "id" };

    private record Case(SortSpec<Contact> sort, Contact row) {
    }

    private static <T> T maybe(RandomnessSource in, T value) {
        return below(in, 4) == 0 ? null : value;
    }

    private static final Gen<Case> CASES = in -> {
        List<String> keys = new ArrayList<>();
        for (int i = below(in, 4); i >= 0; i--) {
            String key = oneOf(in, SORTABLE);
            if (keys.stream().noneMatch(k -> k.replace("-", "").equals(key))) {
                keys.add(below(in, 2) == 0 ? key : "-" + key);
            }
        }
        Contact row = new Contact(new UUID(in.next(org.quicktheories.impl.Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE)), below(in, 1 << 30)),
                maybe(in, oneOf(in, "ann@example.com", "b@x.es", "")), maybe(in, oneOf(in, "Núñez", "O'Brien", "a\"b\\c", "x")),
                maybe(in, oneOf(in, "lead", "mql", "sql", "customer")), maybe(in, BigDecimal.valueOf(below(in, 1_000_000) - 500_000, below(in, 5))),
                maybe(in, below(in, 2) == 0), maybe(in, OffsetDateTime.of(2020 + below(in, 10), 1 + below(in, 12), 1 + below(in, 28), below(in, 24),
                        below(in, 60), below(in, 60), below(in, 1_000_000_000), ZoneOffset.ofHours(below(in, 25) - 12))),
                null, null);
        return new Case(SortSpec.parse(String.join(",", keys), CONTACTS, null), row);
    };

    private static Keyset<Contact> keyset(SortSpec<Contact> sort) {
        return new Keyset<>(sort, SEAL, "t1", "list");
    }

    @Test
    void aCursorDecodesToTheValuesOfItsRow() {
        Theories.qt(200).forAll(CASES).checkAssert(c -> {
            List<Object> values = keyset(c.sort()).decode(keyset(c.sort()).cursor(c.row()));
            assertEquals(c.sort().keys().size(), values.size());
            for (int i = 0; i < values.size(); i++) {
                Object expected = c.sort().keys().get(i).field().value(c.row());
                Object actual = values.get(i);
                switch (expected) {
                    case null -> assertEquals(null, actual);
                    case BigDecimal n -> assertEquals(0, n.compareTo((BigDecimal) actual), n + " vs " + actual);
                    case OffsetDateTime t -> assertEquals(t.toInstant(), ((OffsetDateTime) actual).toInstant());
                    default -> assertEquals(expected, actual);
                }
            }
        });
    }

    @Test
    void aChangedCursorIsA400() {
        Gen<Integer> positions = in -> below(in, 1000);
        Gen<Character> replacements = in -> oneOf(in, 'A', 'z', '0', '-', '_', '=', '+', '/', '.', ' ', 'ñ');
        Theories.qt(300).forAll(CASES, positions, replacements).checkAssert((c, at, replacement) -> {
            String cursor = keyset(c.sort()).cursor(c.row());
            int i = at % cursor.length();
            String changed = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
            if (changed.equals(cursor)) {
                return;
            }
            assertInvalidCursor(c.sort(), changed);
            assertInvalidCursor(c.sort(), cursor.substring(0, i));
            assertInvalidCursor(c.sort(), cursor + replacement);
        });
    }

    @Test
    void aCursorOpensOnlyForItsSortItsListAndItsTenant() {
        Theories.qt(100).forAll(CASES).checkAssert(c -> {
            String cursor = keyset(c.sort()).cursor(c.row());
            SortSpec<Contact> other = SortSpec.parse(c.sort().keys().getFirst().descending() ? "email,id" : "-email,id", CONTACTS, null);
            if (!other.signature().equals(c.sort().signature())) {
                assertInvalidCursor(other, cursor);
            }
            assertThrows400(() -> new Keyset<>(c.sort(), SEAL, "t2", "list").decode(cursor));
            assertThrows400(() -> new Keyset<>(c.sort(), SEAL, "t1", "another list").decode(cursor));
        });
    }

    @Test
    void textThatNeverWasACursorIsA400() {
        Gen<String> garbage = in -> {
            StringBuilder text = new StringBuilder();
            for (int i = below(in, 80); i > 0; i--) {
                text.append(oneOf(in, "A", "b", "0", "-", "_", "=", "%", " ", "\u0000", "é", "AQ", "AAAAAAAAAAAAAAAA", "😀"));
            }
            return text.toString();
        };
        SortSpec<Contact> sort = SortSpec.parse("-updatedAt,lastName", CONTACTS, null);
        Theories.qt(300).forAll(garbage).checkAssert(text -> assertInvalidCursor(sort, text));
    }

    private static void assertInvalidCursor(SortSpec<Contact> sort, String cursor) {
        assertThrows400(() -> keyset(sort).after(cursor));
    }

    private static void assertThrows400(Runnable decode) {
        try {
            decode.run();
            fail("accepted");
        } catch (TorreException e) {
            assertEquals(400, e.code().status());
            assertEquals("cursor", e.errors().getFirst().field());
            assertNotEquals(null, e.getMessage());
        } catch (RuntimeException e) {
            fail("failed with " + e, e);
        }
    }
}
