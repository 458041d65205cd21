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
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses SCIM filter text (RFC 7644 §3.4.2.2) into a {@link Filter}, reporting problems by 1-based position. */
public final class FilterParser {

    public static final int MAX_LENGTH = 4000;
    public static final int MAX_COMPARISONS = 50;
    public static final int MAX_DEPTH = 20;
    public static final int MAX_SEGMENT_LENGTH = 64;

    private static final String PARAM = "filter";
    private static final String OPERATORS = "eq, ne, co, sw, ew, gt, ge, lt, le, pr";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_SEGMENT_LENGTH - 1) + "}");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private enum Kind { LPAREN, RPAREN, WORD, STRING, NUMBER, END }

    private record Token(Kind kind, String text, Object value, int pos) {
    }

    /** A parse result that remembers where each comparison and literal was written, for later messages. */
    record Located(Filter filter, Map<Object, Integer> positions) {
    }

    private final List<Token> tokens;
    // Identity, not equality: two identical comparisons written in two places have two positions.
    private final Map<Object, Integer> positions = new IdentityHashMap<>();
    private int next;
    private int depth;
    private int comparisons;

    private FilterParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses filter text; throws INVALID_QUERY with code syntax or too_complex. */
    public static Filter parse(String text) {
        return parseLocated(text).filter();
    }

    static Located parseLocated(String text) {
        if (text == null || text.isBlank()) {
            throw syntax("The filter is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw QueryErrors.error(PARAM, QueryErrors.TOO_COMPLEX, "The filter is " + text.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        FilterParser parser = new FilterParser(lex(text));
        Filter filter = parser.parseOr();
        Token rest = parser.peek();
        if (rest.kind() == Kind.RPAREN) {
            throw syntax("Unexpected ')' at position " + rest.pos() + " without a matching '('");
        }
        if (rest.kind() != Kind.END) {
            throw syntax("Expected 'and', 'or' or the end of the filter at position " + rest.pos() + ", found "
                    + describe(rest));
        }
        return new Located(filter, parser.positions);
    }

    /** Whether a name is a dotted attribute path: segments of {@code [A-Za-z_][A-Za-z0-9_]*}, each ≤ 64 chars. */
    public static boolean isValidPath(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        for (String segment : path.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    // ---- grammar: or := and ("or" and)* ; and := unary ("and" unary)* ; unary := "not"? "(" or ")" | comparison

    private Filter parseOr() {
        Filter left = parseAnd();
        while (isWord(peek(), "or")) {
            next++;
            left = new Or(left, parseAnd());
        }
        return left;
    }

    private Filter parseAnd() {
        Filter left = parseUnary();
        while (isWord(peek(), "and")) {
            next++;
            left = new And(left, parseUnary());
        }
        return left;
    }

    private Filter parseUnary() {
        Token t = peek();
        if (t.kind() == Kind.LPAREN) {
            return group();
        }
        if (isWord(t, "not")) {
            next++;
            if (peek().kind() != Kind.LPAREN) {
                throw syntax("Expected '(' after 'not' at position " + peek().pos() + ", found " + describe(peek())
                        + "; write not (...)");
            }
            return new Not(group());
        }
        if (t.kind() == Kind.WORD) {
            return comparison();
        }
        throw syntax("Expected an attribute name, '(' or 'not' at position " + t.pos() + ", found " + describe(t));
    }

    private Filter group() {
        Token open = take();
        if (++depth > MAX_DEPTH) {
            throw QueryErrors.error(PARAM, QueryErrors.TOO_COMPLEX, "Parentheses at position " + open.pos()
                    + " nest deeper than " + MAX_DEPTH + " levels");
        }
        Filter inner = parseOr();
        Token close = peek();
        if (close.kind() != Kind.RPAREN) {
            throw syntax("Expected ')' at position " + close.pos() + " to close the '(' at position " + open.pos()
                    + ", found " + describe(close));
        }
        next++;
        depth--;
        return inner;
    }

    private Filter comparison() {
        Token attr = take();
        if (!isValidPath(attr.text())) {
            throw syntax("Invalid attribute name '" + QueryErrors.quote(attr.text()) + "' at position " + attr.pos()
                    + ": use dot-separated names of letters, digits and underscores, each starting with a letter"
                    + " or underscore and at most " + MAX_SEGMENT_LENGTH + " characters long");
        }
        Token opToken = take();
        if (opToken.kind() != Kind.WORD) {
            throw syntax("Expected an operator (" + OPERATORS + ") after '" + attr.text() + "' at position "
                    + opToken.pos() + ", found " + describe(opToken));
        }
        if (++comparisons > MAX_COMPARISONS) {
            throw QueryErrors.error(PARAM, QueryErrors.TOO_COMPLEX, "The filter has more than " + MAX_COMPARISONS
                    + " comparisons (the next one starts at position " + attr.pos() + ")");
        }
        String keyword = opToken.text().toLowerCase(Locale.ROOT);
        Filter result;
        if (keyword.equals("pr")) {
            result = new Present(attr.text());
        } else {
            Op op = operator(keyword);
            if (op == null) {
                throw syntax("Unknown operator '" + QueryErrors.quote(opToken.text()) + "' at position "
                        + opToken.pos() + "; use one of " + OPERATORS);
            }
            Literal value = literal(take(), op);
            result = new Compare(attr.text(), op, value);
        }
        positions.put(result, attr.pos());
        return result;
    }

    private Literal literal(Token t, Op op) {
        Literal value = switch (t.kind()) {
            case STRING -> new StringLit((String) t.value());
            case NUMBER -> new NumberLit((BigDecimal) t.value());
            case WORD -> switch (t.text().toLowerCase(Locale.ROOT)) {
                case "true" -> new BoolLit(true);
                case "false" -> new BoolLit(false);
                case "null" -> new NullLit();
                default -> throw syntax("Expected a value after '" + op.keyword() + "' at position " + t.pos()
                        + ", found '" + QueryErrors.quote(t.text()) + "'; strings need double quotes");
            };
            default -> throw syntax("Expected a value (a \"string\", number, true, false or null) after '"
                    + op.keyword() + "' at position " + t.pos() + ", found " + describe(t));
        };
        positions.put(value, t.pos());
        return value;
    }

    private static Op operator(String keyword) {
        for (Op op : Op.values()) {
            if (op.keyword().equals(keyword)) {
                return op;
            }
        }
        return null;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    private static boolean isWord(Token t, String keyword) {
        return t.kind() == Kind.WORD && t.text().equalsIgnoreCase(keyword);
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case END -> "the end of the filter";
            case STRING -> "a string";
            default -> "'" + QueryErrors.quote(t.text()) + "'";
        };
    }

    // ---- lexer

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(c == '(' ? Kind.LPAREN : Kind.RPAREN, String.valueOf(c), null, pos));
                i++;
            } else if (c == '[' || c == ']') {
                throw syntax("Square bracket at position " + pos + ": value filters such as emails[type eq \"work\"]"
                        + " are not supported; compare attributes directly");
            } else if (c == '"') {
                i = lexString(s, i, out);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int end = i + 1;
                while (end < s.length() && isNumberChar(s.charAt(end))) {
                    end++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, end), number(s.substring(i, end), pos), pos));
                i = end;
            } else if (isWordStart(c)) {
                int end = i + 1;
                while (end < s.length() && (isWordStart(s.charAt(end)) || isDigit(s.charAt(end))
                        || s.charAt(end) == '.')) {
                    end++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, end), null, pos));
                i = end;
            } else {
                throw syntax("Unexpected character " + printable(s.codePointAt(i)) + " at position " + pos);
            }
        }
        out.add(new Token(Kind.END, "", null, s.length() + 1));
        return out;
    }

    /** Reads a JSON string starting at the quote at {@code start}; returns the index after the closing quote. */
    private static int lexString(String s, int start, List<Token> out) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= s.length()) {
                throw syntax("Unterminated string starting at position " + (start + 1));
            }
            char c = s.charAt(i);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw syntax("Control character " + printable(c) + " in string at position " + (i + 1)
                        + "; escape it, e.g. \\n");
            }
            if (c != '\\') {
                value.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw syntax("Unterminated string starting at position " + (start + 1));
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case '"', '\\', '/' -> value.append(e);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    String hex = s.length() >= i + 6 ? s.substring(i + 2, i + 6) : "";
                    if (!hex.matches("[0-9A-Fa-f]{4}")) {
                        throw syntax("Invalid \\u escape at position " + (i + 1) + "; write \\u followed by four"
                                + " hex digits");
                    }
                    value.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> throw syntax("Invalid escape \\" + e + " at position " + (i + 1)
                        + "; allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
            i += 2;
        }
        String text = value.toString();
        String problem = QueryErrors.unstorableText(text);
        if (problem != null) {
            throw QueryErrors.error(PARAM, QueryErrors.INVALID_VALUE, "The string at position " + (start + 1)
                    + " cannot be used: " + problem);
        }
        out.add(new Token(Kind.STRING, s.substring(start, i + 1), text, start + 1));
        return i + 1;
    }

    private static BigDecimal number(String text, int pos) {
        if (!JSON_NUMBER.matcher(text).matches()) {
            throw syntax("Invalid number '" + QueryErrors.quote(text) + "' at position " + pos);
        }
        try {
            BigDecimal n = new BigDecimal(text);
            if (QueryErrors.reasonableNumber(n)) {
                return n;
            }
        } catch (NumberFormatException | ArithmeticException tooBig) {
            // fall through to the range message
        }
        throw QueryErrors.error(PARAM, QueryErrors.INVALID_VALUE, "The number at position " + pos
                + " is out of range");
    }

    private static boolean isNumberChar(char c) {
        return isWordStart(c) || isDigit(c) || c == '.' || c == '+' || c == '-';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(int codePoint) {
        return codePoint >= 0x20 && codePoint < 0x7f ? "'" + (char) codePoint + "'"
                : String.format(Locale.ROOT, "U+%04X", codePoint);
    }

    private static TorreException syntax(String message) {
        return QueryErrors.error(PARAM, QueryErrors.SYNTAX, message);
    }
}
