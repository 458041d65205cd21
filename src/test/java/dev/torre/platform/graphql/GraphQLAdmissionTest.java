package dev.torre.platform.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Api;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A document with more grammar tokens than the parser takes is refused before the parser runs (its own message, not
 * the parser's), to every kind of caller; what the grammar ignores (commas, comments, string contents) does not count,
 * and the count never exceeds the parser's own: whatever the admission refuses, the parser would have refused too.
 */
@QuarkusTest
class GraphQLAdmissionTest {

    private static final String REFUSED = "tokens, the most this server parses";

    @ConfigProperty(name = "smallrye.graphql.parser.maxTokens")
    int maxTokens;

    private final String token = Tokens.admin(Api.newTenant());

    /** {@code n} aliases of one small field: 12 grammar tokens each, plus the two braces around them. */
    private static String aliases(int n) {
        return "{ " + IntStream.range(0, n).mapToObj(i -> "a" + i + ": contacts { edges { node { id } } }")
                .collect(Collectors.joining(" ")) + " }";
    }

    @Test
    void anAliasBombIsRefusedBeforeTheParserRuns() {
        GraphQL.as(token, aliases(5000)).statusCode(200)
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", containsString(REFUSED))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        // a caller that accepts the GraphQL response type gets the request error as a 400, like any syntax error
        Api.as(token).header("Accept", "application/graphql-response+json").body(Map.of("query", aliases(5000)))
                .when().post("/graphql").then().statusCode(400)
                .body("errors[0].message", containsString(REFUSED));
        // ... and so does a document sent as application/graphql, or in a GET's query string
        Api.as(token).contentType("application/graphql").body(aliases(5000).getBytes(StandardCharsets.UTF_8)).when().post("/graphql").then()
                .statusCode(200).body("errors[0].message", containsString(REFUSED));
        // (one character a token, so that the request line stays under its own limit)
        String manyBraces = "{".repeat(maxTokens + 1);
        Api.as(token).queryParam("query", manyBraces).when().get("/graphql").then()
                .statusCode(200).body("errors[0].message", containsString(REFUSED));
    }

    @Test
    void whatTheGrammarIgnoresIsNotCounted() {
        // many times the limit in commas and a comment's words, around a query of a dozen tokens
        String padded = "# " + "word ".repeat(maxTokens) + "\n{ contacts(first: 1) " + ",".repeat(maxTokens * 2)
                + " { edges { node { id } } } }";
        GraphQL.as(token, padded).statusCode(200)
                .body("errors", nullValue())
                .body("data.contacts", notNullValue());
        // a string is one token whatever it holds, quoted or as a block
        assertEquals(1, GraphQLAdmission.tokens("\"" + "a { b } ".repeat(maxTokens) + "\"", Integer.MAX_VALUE));
        assertEquals(1, GraphQLAdmission.tokens("\"\"\"" + "a \\\"\"\" { b } ".repeat(maxTokens) + "\"\"\"", Integer.MAX_VALUE));
    }

    @Test
    void aDocumentAtTheLimitGoesOnToTheParser() {
        int n = (maxTokens - 2) / 12;
        assertEquals(12 * n + 2, GraphQLAdmission.tokens(aliases(n), Integer.MAX_VALUE));
        // admitted: what it meets next is the query's cost, not the token count
        GraphQL.as(token, aliases(n)).statusCode(200)
                .body("errors.message", not(org.hamcrest.Matchers.hasItem(containsString(REFUSED))));
    }

    @Test
    void theCountNeverExceedsTheParsers() {
        List<String> documents = List.of(aliases(40),
                "query Q($a: Int = -12, $b: Float = 1.5e-3, $c: [String!]! = [\"a\", \"\"\"block \\\"\"\" \"\"\"]) @x(y: {z: $a}) { ...F ... on T { f(v: -0.5E+2) } }",
                "fragment F on Contact { id, email # a comment } with { braces }\n firstName }",
                "{ a(s: \"unterminated\n) 1.2.3 -x 0x12 . .. & | = }");
        for (String document : documents) {
            int counted = GraphQLAdmission.tokens(document, Integer.MAX_VALUE);
            for (int limit = Math.max(1, counted - 3); limit < counted; limit++) {
                assertTrue(GraphQLAdmission.refusal(document, limit).size() == 1, "refused at " + limit + ": " + document);
                assertTrue(parserRefuses(document, limit), "the parser takes at most " + limit + " tokens of a document"
                        + " counted " + counted + ", so it refuses it too: " + document);
            }
            assertTrue(GraphQLAdmission.refusal(document, counted).isEmpty(), "admitted at its own count: " + document);
        }
    }

    private static boolean parserRefuses(String document, int limit) {
        ParserOptions options = ParserOptions.newParserOptions().maxTokens(limit).build();
        try {
            new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(document).parserOptions(options).build());
            return false;
        } catch (InvalidSyntaxException refused) {
            return true; // over the limit, or (the last sample) a syntax error found before it
        }
    }
}
