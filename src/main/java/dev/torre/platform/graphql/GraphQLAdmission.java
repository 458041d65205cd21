package dev.torre.platform.graphql;

import java.util.List;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

/**
 * Refuses a GraphQL document with more grammar tokens than the parser would take
 * ({@code smallrye.graphql.parser.maxTokens}) before the parser sees it. The parser stops at that count too, but only
 * after its lexer and grammar have worked through that many tokens, which for a bomb of thousands of aliases took
 * milliseconds of an event loop per request, and every other request on that loop waited for them (README,
 * Reliability). One pass over the characters counts the tokens the GraphQL grammar would see — names, numbers,
 * strings, punctuators — and skips what it ignores (white space, commas, comments), so it never counts more than the
 * parser would: a document it admits may still fail to parse, but one it refuses would have failed.
 */
final class GraphQLAdmission {

    private GraphQLAdmission() {
    }

    /** The refusal of a document with more than {@code maxTokens} grammar tokens, or an empty list. */
    static List<GraphQLError> refusal(String document, int maxTokens) {
        if (maxTokens <= 0 || document == null || tokens(document, maxTokens) <= maxTokens) {
            return List.of();
        }
        return List.of(GraphqlErrorBuilder.newError().errorType(ErrorType.InvalidSyntax)
                .message("The document has more than " + maxTokens + " tokens, the most this server parses; ask for fewer"
                        + " fields or aliases per request, and pass values as variables")
                .build());
    }

    /** The grammar tokens in {@code text}, counted no further than {@code limit + 1}. */
    static int tokens(String text, int limit) {
        int count = 0;
        int i = 0;
        int n = text.length();
        while (i < n && count <= limit) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '"') {
                count++;
                i = afterString(text, i);
            } else if (c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                count++;
                i++;
                while (i < n && isNamePart(text.charAt(i))) {
                    i++;
                }
            } else if (c >= '0' && c <= '9' || c == '-' && i + 1 < n && isDigit(text.charAt(i + 1))) {
                // an int or a float: digits, a fraction, an exponent
                count++;
                i++;
                while (i < n && (isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int exponent = i + 1 < n && (text.charAt(i + 1) == '+' || text.charAt(i + 1) == '-') ? i + 2 : i + 1;
                    if (exponent < n && isDigit(text.charAt(exponent))) {
                        i = exponent;
                        while (i < n && isDigit(text.charAt(i))) {
                            i++;
                        }
                    }
                }
            } else if (c == '.') {
                // a spread is one token; a lone dot is no token at all (the parser refuses it)
                if (text.startsWith("...", i)) {
                    count++;
                    i += 3;
                } else {
                    i++;
                }
            } else {
                if ("!$&()=:@[]{|}".indexOf(c) >= 0) {
                    count++;
                }
                i++; // white space, commas, and characters the parser refuses
            }
        }
        return count;
    }

    /** The index after the string starting at {@code start}: a block string ({@code """}) or a quoted one. */
    private static int afterString(String text, int start) {
        int n = text.length();
        if (text.startsWith("\"\"\"", start)) {
            int i = start + 3;
            while (i < n) {
                if (text.startsWith("\\\"\"\"", i)) {
                    i += 4;
                } else if (text.startsWith("\"\"\"", i)) {
                    return i + 3;
                } else {
                    i++;
                }
            }
            return n;
        }
        int i = start + 1;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n' || c == '\r') {
                return i; // unterminated: the parser refuses it
            } else {
                i++;
            }
        }
        return n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNamePart(char c) {
        return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
