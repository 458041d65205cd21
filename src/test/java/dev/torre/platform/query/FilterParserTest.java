package dev.torre.platform.query;

import dev.torre.platform.query.Filter.And;
import dev.torre.platform.query.Filter.BoolLit;
import dev.torre.platform.query.Filter.Compare;
import dev.torre.platform.query.Filter.Not;
import dev.torre.platform.query.Filter.NullLit;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.torre.platform.query.Fixtures.queryError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class FilterParserTest {

    private static Present pr(String path) {
        return new Present(path);
    }

    static Stream<Arguments> structure() {
        return Stream.of(
                arguments("a pr or b pr and c pr", new Or(pr("a"), new And(pr("b"), pr("c")))),
                arguments("a pr and b pr or c pr", new Or(new And(pr("a"), pr("b")), pr("c"))),
                arguments("(a pr or b pr) and c pr", new And(new Or(pr("a"), pr("b")), pr("c"))),
                arguments("a pr and b pr and c pr", new And(new And(pr("a"), pr("b")), pr("c"))),
                arguments("a pr or b pr or c pr", new Or(new Or(pr("a"), pr("b")), pr("c"))),
                arguments("not (a pr) and b pr", new And(new Not(pr("a")), pr("b"))),
                arguments("not (a pr or b pr)", new Not(new Or(pr("a"), pr("b")))),
                arguments("NOT(a PR)AND(b Pr)", new And(new Not(pr("a")), pr("b"))),
                arguments("((a pr))", pr("a")),
                arguments("a pr Or not (b pr and (c pr or d pr))",
                        new Or(pr("a"), new Not(new And(pr("b"), new Or(pr("c"), pr("d")))))),
                arguments("\ta pr\nand\r\nb pr ", new And(pr("a"), pr("b"))));
    }

    @ParameterizedTest
    @MethodSource
    void structure(String text, Filter expected) {
        assertEquals(expected, FilterParser.parse(text));
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                arguments("lastName eq \"Smith\"", new Compare("lastName", Op.EQ, new StringLit("Smith"))),
                arguments("x ne \"\"", new Compare("x", Op.NE, new StringLit(""))),
                arguments("x co \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"",
                        new Compare("x", Op.CO, new StringLit("a\"b\\c/d\b\f\n\r\té\uD83D\uDE00"))),
                arguments("x sw \"ünïcödé 😀\"", new Compare("x", Op.SW, new StringLit("ünïcödé 😀"))),
                arguments("x ew \"a'b\"", new Compare("x", Op.EW, new StringLit("a'b"))),
                arguments("x gt 42", new Compare("x", Op.GT, new NumberLit(new BigDecimal("42")))),
                arguments("x ge -1.5e3", new Compare("x", Op.GE, new NumberLit(new BigDecimal("-1.5e3")))),
                arguments("x lt 0.25", new Compare("x", Op.LT, new NumberLit(new BigDecimal("0.25")))),
                arguments("x le 0", new Compare("x", Op.LE, new NumberLit(BigDecimal.ZERO))),
                arguments("x le 2E+2", new Compare("x", Op.LE, new NumberLit(new BigDecimal("2E+2")))),
                arguments("x eq true", new Compare("x", Op.EQ, new BoolLit(true))),
                arguments("x EQ False", new Compare("x", Op.EQ, new BoolLit(false))),
                arguments("x eq null", new Compare("x", Op.EQ, new NullLit())),
                arguments("properties.plan eq \"pro\"", new Compare("properties.plan", Op.EQ, new StringLit("pro"))),
                arguments("source.campaign Sw \"spring\"",
                        new Compare("source.campaign", Op.SW, new StringLit("spring"))),
                arguments("_a.b_2.C3 pr", new Present("_a.b_2.C3")),
                arguments("x eq\"y\"", new Compare("x", Op.EQ, new StringLit("y"))));
    }

    @ParameterizedTest
    @MethodSource
    void comparisons(String text, Filter expected) {
        assertEquals(expected, FilterParser.parse(text));
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                arguments("", "The filter is empty"),
                arguments("   ", "The filter is empty"),
                arguments("lastName", "Expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after 'lastName'"
                        + " at position 9, found the end of the filter"),
                arguments("lastName \"x\"", "after 'lastName' at position 10, found a string"),
                arguments("lastName equals \"x\"", "Unknown operator 'equals' at position 10"),
                arguments("lastName eq", "Expected a value (a \"string\", number, true, false or null) after 'eq'"
                        + " at position 12, found the end of the filter"),
                arguments("lastName eq Smith", "Expected a value after 'eq' at position 13, found 'Smith';"
                        + " strings need double quotes"),
                arguments("lastName eq (", "after 'eq' at position 13, found '('"),
                arguments("lastName eq \"Smith", "Unterminated string starting at position 13"),
                arguments("lastName eq \"Smith\\", "Unterminated string starting at position 13"),
                arguments("lastName eq \"a\\x\"", "Invalid escape \\x at position 15"),
                arguments("lastName eq \"\\u12\"", "Invalid \\u escape at position 14"),
                arguments("lastName eq \"\\u12G4\"", "Invalid \\u escape at position 14"),
                arguments("lastName eq \"a\tb\"", "Control character U+0009 in string at position 15"),
                arguments("score eq 01", "Invalid number '01' at position 10"),
                arguments("score eq 1.", "Invalid number '1.' at position 10"),
                arguments("score eq 1abc", "Invalid number '1abc' at position 10"),
                arguments("score eq -", "Invalid number '-' at position 10"),
                arguments("score eq +1", "Unexpected character '+' at position 10"),
                arguments("emails[type eq \"work\"]", "Square bracket at position 7: value filters such as"
                        + " emails[type eq \"work\"] are not supported"),
                arguments("(a pr", "Expected ')' at position 6 to close the '(' at position 1, found the end"),
                arguments("a pr)", "Unexpected ')' at position 5 without a matching '('"),
                arguments("a pr b pr", "Expected 'and', 'or' or the end of the filter at position 6, found 'b'"),
                arguments("not a pr", "Expected '(' after 'not' at position 5, found 'a'"),
                arguments("a pr and", "Expected an attribute name, '(' or 'not' at position 9, found the end"),
                arguments("a pr and ) ", "Expected an attribute name, '(' or 'not' at position 10, found ')'"),
                arguments("a..b pr", "Invalid attribute name 'a..b' at position 1"),
                arguments("a. pr", "Invalid attribute name 'a.' at position 1"),
                arguments("x pr and a.1b pr", "Invalid attribute name 'a.1b' at position 10"),
                arguments("a" + "b".repeat(64) + " pr", "at most 64 characters long"),
                arguments("a pr and #", "Unexpected character '#' at position 10"),
                arguments("a eq 'x'", "Unexpected character ''' at position 6"),
                arguments("a eq \"x\" ∧ b pr", "Unexpected character U+2227 at position 10"));
    }

    @ParameterizedTest
    @MethodSource
    void syntaxErrors(String text, String message) {
        String actual = queryError("filter", "syntax", () -> FilterParser.parse(text));
        assertTrue(actual.contains(message), actual);
    }

    @Test
    void nullTextIsEmptyFilter() {
        queryError("filter", "syntax", () -> FilterParser.parse(null));
    }

    static Stream<Arguments> unusableValues() {
        return Stream.of(
                arguments("x eq \"\\uD800\"", "The string at position 6 cannot be used: it contains an unpaired"),
                arguments("x eq \"\\uDE00\\uD83D\"", "unpaired"),
                arguments("x eq \"a\\u0000\"", "the NUL character"),
                arguments("x eq 1e999999999", "The number at position 6 is out of range"),
                arguments("x eq 1e99999999999", "The number at position 6 is out of range"),
                arguments("x eq " + "9".repeat(1001), "out of range"));
    }

    @ParameterizedTest
    @MethodSource
    void unusableValues(String text, String message) {
        String actual = queryError("filter", "invalid_value", () -> FilterParser.parse(text));
        assertTrue(actual.contains(message), actual);
    }

    @Test
    void longestSegmentIsAccepted() {
        String path = "a" + "b".repeat(63) + "." + "c".repeat(64);
        assertEquals(new Present(path), FilterParser.parse(path + " pr"));
    }

    @Test
    void lengthLimit() {
        String base = "a pr";
        assertEquals(pr("a"), FilterParser.parse(base + " ".repeat(FilterParser.MAX_LENGTH - base.length())));
        String message = queryError("filter", "too_complex",
                () -> FilterParser.parse(base + " ".repeat(FilterParser.MAX_LENGTH + 1 - base.length())));
        assertEquals("The filter is 4001 characters long; the limit is 4000", message);
    }

    private static String comparisons(int n) {
        return IntStream.range(0, n).mapToObj(i -> "f" + i + " pr").collect(Collectors.joining(" or "));
    }

    @Test
    void comparisonLimit() {
        Filter fifty = FilterParser.parse(comparisons(50));
        assertInstanceOf(Or.class, fifty);
        String message = queryError("filter", "too_complex", () -> FilterParser.parse(comparisons(51)));
        // "f0 pr or " is 9 characters; comparisons 0..9 take 9, 10..49 take 10: 90 + 400 + 1.
        assertEquals("The filter has more than 50 comparisons (the next one starts at position 491)", message);
    }

    @Test
    void depthLimit() {
        String twenty = "(".repeat(20) + "a pr" + ")".repeat(20);
        assertEquals(pr("a"), FilterParser.parse(twenty));
        String message = queryError("filter", "too_complex",
                () -> FilterParser.parse("(".repeat(21) + "a pr" + ")".repeat(21)));
        assertEquals("Parentheses at position 21 nest deeper than 20 levels", message);
        String nots = "not (".repeat(21) + "a pr" + ")".repeat(21);
        queryError("filter", "too_complex", () -> FilterParser.parse(nots));
        assertFalse(FilterParser.parse("not (".repeat(20) + "a pr" + ")".repeat(20)) instanceof Present);
    }

    @Test
    void deepNestingBeyondTheLimitFailsCleanly() {
        String deep = "(".repeat(1990) + "a pr" + ")".repeat(1990);
        queryError("filter", "too_complex", () -> FilterParser.parse(deep));
    }

    @Test
    void positionsOfComparisonsAndLiterals() {
        FilterParser.Located located = FilterParser.parseLocated("a pr and (b eq \"x\" or c eq 1)");
        And and = (And) located.filter();
        Or or = (Or) and.right();
        Compare b = (Compare) or.left();
        Compare c = (Compare) or.right();
        assertEquals(1, located.positions().get(and.left()));
        assertEquals(11, located.positions().get(b));
        assertEquals(16, located.positions().get(b.value()));
        assertEquals(23, located.positions().get(c));
        assertEquals(28, located.positions().get(c.value()));
    }

    @Test
    void validPaths() {
        assertTrue(FilterParser.isValidPath("source.campaign"));
        assertFalse(FilterParser.isValidPath(""));
        assertFalse(FilterParser.isValidPath("a-b"));
        assertFalse(FilterParser.isValidPath("a.b."));
        assertFalse(FilterParser.isValidPath("a b"));
        assertFalse(FilterParser.isValidPath("x'); drop table t; --"));
    }
}
