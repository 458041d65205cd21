package dev.torre.platform.query;

import dev.torre.platform.error.TorreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.stream.Stream;
import java.util.regex.Pattern;

import static dev.torre.platform.query.Fixtures.queryError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TextQueryTest {

    static Stream<Arguments> builds() {
        return Stream.of(
                arguments("José  García-López", "'josé':* & 'garcía':* & 'lópez':*"),
                arguments("  hello   WORLD ", "'hello':* & 'world':*"),
                arguments("O'Brien", "'o':* & 'brien':*"),
                arguments("a'; DROP TABLE x; --", "'a':* & 'drop':* & 'table':* & 'x':*"),
                arguments("ÄÖÜ ß", "'äöü':* & 'ß':*"),
                arguments("2024 q3", "'2024':* & 'q3':*"),
                arguments("ann ANN Ann", "'ann':*"),
                arguments("foo:* & !bar | (baz) <-> qux", "'foo':* & 'bar':* & 'baz':* & 'qux':*"),
                arguments("\\' \\\\ x", "'x':*"),
                arguments("東京 タワー", "'東京':* & 'タワー':*"));
    }

    @ParameterizedTest
    @MethodSource
    void builds(String q, String expected) {
        assertEquals(expected, TextQuery.toTsQuery(q));
    }

    @Test
    void decomposedAccentsStayInTheirWord() {
        assertEquals("'josé':*", TextQuery.toTsQuery("Jose\u0301"));
    }

    @Test
    void combiningVowelSignsDoNotSplitWords() {
        // Devanagari vowel signs are combining marks: the word must stay whole.
        assertEquals("'हिन्दी':*", TextQuery.toTsQuery("हिन्दी"));
    }

    @Test
    void supplementaryLettersAreKept() {
        assertEquals("'𝒜b':*", TextQuery.toTsQuery("𝒜b!"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "--- !!! ''", "😀 😀"})
    void noTerms(String q) {
        assertEquals("The search text must contain at least one letter or digit",
                queryError("q", "invalid_value", () -> TextQuery.toTsQuery(q)));
    }

    @Test
    void nullIsNoTerms() {
        queryError("q", "invalid_value", () -> TextQuery.toTsQuery(null));
    }

    @Test
    void limits() {
        assertEquals(10, TextQuery.toTsQuery("a b c d e f g h i j").split(" & ").length);
        assertEquals("The search text has 11 words; the limit is 10",
                queryError("q", "too_complex", () -> TextQuery.toTsQuery("a b c d e f g h i j k")));
        assertEquals("'" + "x".repeat(64) + "':*", TextQuery.toTsQuery("x".repeat(64)));
        queryError("q", "invalid_value", () -> TextQuery.toTsQuery("x".repeat(65)));
        assertEquals(1, TextQuery.toTsQuery("a" + " ".repeat(199)).split(" & ").length);
        assertEquals("The search text is 201 characters long; the limit is 200",
                queryError("q", "too_complex", () -> TextQuery.toTsQuery("a" + " ".repeat(200))));
    }

    /** Whatever the input, each term is quoted text with no quote, backslash or tsquery operator inside. */
    @Test
    void outputIsAlwaysSafe() {
        Pattern safe = Pattern.compile("'[^'\\\\\\s&|!():*<>]+':\\*( & '[^'\\\\\\s&|!():*<>]+':\\*)*");
        Random random = new Random(7);
        String pool = "aZé9'\\\"&|!():*<> -\u0301\u0000\t😀ß";
        int built = 0;
        for (int n = 0; n < 2000; n++) {
            StringBuilder q = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                q.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, random.nextInt(
                        pool.codePointCount(0, pool.length())))));
            }
            try {
                String ts = TextQuery.toTsQuery(q.toString());
                assertTrue(safe.matcher(ts).matches(), ts);
                built++;
            } catch (TorreException refused) {
                assertEquals("q", refused.errors().getFirst().field());
            }
        }
        assertTrue(built > 1000, "only " + built + " inputs produced a query");
    }

    @Test
    void aPhoneNumberWrittenWithSeparatorsIsOneTermOfItsDigits() {
        assertEquals("'612345678':*", TextQuery.toTsQuery("612 345 678"));
        assertEquals("'34612':*", TextQuery.toTsQuery("+34 (612)"));
        assertEquals("'612':* & 'garcía':*", TextQuery.toTsQuery("612 garcía"));
    }
}
