package dev.torre.platform.query;

import static dev.torre.platform.query.Fixtures.CONTACTS;
import static dev.torre.testing.Theories.below;
import static dev.torre.testing.Theories.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

import com.fasterxml.jackson.databind.node.TextNode;

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
import dev.torre.testing.Theories;

/**
 * The filter parser and compiler on generated input: a printed filter parses back to itself; whatever the text, the
 * answer is a filter or a precise 400, never another exception; and what compiles is SQL with bind parameters only.
 */
class FilterPropertiesTest {

    /** Marks every generated string value, so that SQL holding one would show. */
    private static final String MARK = "Zq'";

    private static final String[] PATHS = { "email", "lastName", "lifecycleStage", "score", "active", "updatedAt", "companyId",
            "tags", "source.campaign", "properties.shoe", "properties.city", "noSuchField", "properties", "source" };

    private static Literal literal(RandomnessSource in) {
        return switch (below(in, 8)) {
            case 0 -> new StringLit(MARK + oneOf(in, "", "lead", "ana@acme.es", "%_\\", "\"x\"", "ñ", "2024-05-01T10:00:00Z"));
            case 1 -> new StringLit(oneOf(in, "lead", "mql", "2024-05-01T10:00:00Z", "0190c5d2-7e0c-7a3b-9f1e-2b4c6d8e0f12", "now-7d"));
            case 2 -> new NumberLit(BigDecimal.valueOf(below(in, 200_000) - 100_000, below(in, 4)));
            case 3 -> new NumberLit(new BigDecimal(oneOf(in, "1e300", "-1E-300", "123456789012345678901234567890")));
            case 4 -> new BoolLit(below(in, 2) == 0);
            case 5 -> new NullLit();
            default -> new StringLit(MARK + below(in, 1000));
        };
    }

    private static Filter filter(RandomnessSource in, int depth) {
        return switch (below(in, depth > 0 ? 6 : 2)) {
            case 0 -> new Compare(oneOf(in, PATHS), oneOf(in, Op.values()), literal(in));
            case 1 -> new Present(oneOf(in, PATHS));
            case 2 -> new And(filter(in, depth - 1), filter(in, depth - 1));
            case 3 -> new Or(filter(in, depth - 1), filter(in, depth - 1));
            case 4 -> new Not(filter(in, depth - 1));
            default -> new Compare(oneOf(in, PATHS), oneOf(in, Op.EQ, Op.NE), literal(in));
        };
    }

    /** Writes a filter the way a caller would, fully parenthesised. */
    static String print(Filter f) {
        return switch (f) {
            case And a -> "(" + print(a.left()) + ") and (" + print(a.right()) + ")";
            case Or o -> "(" + print(o.left()) + ") or (" + print(o.right()) + ")";
            case Not n -> "not (" + print(n.inner()) + ")";
            case Present p -> p.path() + " pr";
            case Compare c -> c.path() + " " + c.op().keyword() + " " + switch (c.value()) {
                case StringLit s -> new TextNode(s.value()).toString();
                case NumberLit n -> n.value().toString();
                case BoolLit b -> String.valueOf(b.value());
                case NullLit n -> "null";
            };
        };
    }

    private static final Gen<Filter> FILTERS = in -> filter(in, 4);

    /** Pieces of filter text, glued at random: near misses of the grammar, not just noise. */
    private static final String[] PIECES = { "(", ")", " ", "and", "or", "not", "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt",
            "le", "pr", "email", "score", "tags", "properties.", "properties.shoe", "source.campaign", ".", "\"", "\"ana\"", "\"\\u00",
            "\"\\", "1", "-", "1e999999999", "0.5", "true", "null", "\u0000", "😀", "\t", "[", "]", "{", "'", "\"2024-13-45T99:00:00Z\"",
            "\"now-99999999d\"", "lifecycleStage", "\"LEAD\"", "companyId", "\"0190c5d2-7e0c-7a3b-9f1e-2b4c6d8e0f1\"", "updatedAt" };

    /** Printed filters with a few pieces deleted or inserted: mostly one mistake away from a filter. */
    private static final Gen<String> NEAR_MISSES = in -> {
        StringBuilder text = new StringBuilder(print(filter(in, 2)));
        for (int i = below(in, 3); i > 0; i--) {
            int at = below(in, text.length() + 1);
            if (below(in, 2) == 0 && at < text.length()) {
                text.deleteCharAt(at);
            } else {
                text.insert(at, oneOf(in, PIECES));
            }
        }
        return text.toString();
    };

    private static final Gen<String> NOISE = in -> {
        StringBuilder text = new StringBuilder();
        for (int i = below(in, 25); i >= 0; i--) {
            text.append(oneOf(in, PIECES));
            if (below(in, 2) == 0) {
                text.append(' ');
            }
        }
        return text.toString();
    };

    @Test
    void aPrintedFilterParsesBackToItself() {
        Theories.qt(200).forAll(FILTERS).checkAssert(f -> assertEquals(f, FilterParser.parse(print(f)), print(f)));
    }

    @Test
    void anyTextIsAFilterOrAPrecise400() {
        AtomicInteger compiled = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Theories.qt(500).forAll(NOISE.mix(NEAR_MISSES)).checkAssert(text -> {
            try {
                FilterCompiler.compile(text, CONTACTS, Fixtures.NOW);
                compiled.incrementAndGet();
            } catch (TorreException e) {
                refused.incrementAndGet();
                assertPrecise400(text, e);
            } catch (RuntimeException | StackOverflowError e) {
                fail("'" + text + "' failed with " + e, e);
            }
        });
        assertTrue(compiled.get() > 0 && refused.get() > 0, "the texts reach both answers: " + compiled + " compiled, " + refused + " refused");
    }

    @Test
    void whatCompilesIsSqlWithBindParametersOnly() {
        AtomicInteger compiled = new AtomicInteger();
        Theories.qt(300).forAll(FILTERS).checkAssert(f -> {
            String text = print(f);
            SqlFragment sql;
            try {
                sql = FilterCompiler.compile(text, CONTACTS, Fixtures.NOW);
            } catch (TorreException e) {
                assertPrecise400(text, e);
                return;
            } catch (RuntimeException e) {
                fail("'" + text + "' failed with " + e, e);
                return;
            }
            assertEquals(sql.params().size(), sql.sql().chars().filter(c -> c == '?').count(), text + " -> " + sql.sql());
            assertFalse(sql.sql().contains("Zq") || sql.sql().contains("zq"), "a value in the SQL text: " + sql.sql());
            compiled.incrementAndGet();
        });
        assertTrue(compiled.get() >= 30, "enough generated filters compile to test the SQL: " + compiled);
    }

    private static void assertPrecise400(String text, TorreException e) {
        assertEquals(400, e.code().status(), text);
        assertEquals(1, e.errors().size(), text);
        assertEquals("filter", e.errors().getFirst().field(), text);
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), text);
    }
}
