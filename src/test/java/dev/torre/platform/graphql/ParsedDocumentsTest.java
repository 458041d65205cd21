package dev.torre.platform.graphql;

import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Api;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The parsed-document cache keeps what comes again: a text is remembered on its second request, so a client that
 * writes a new value into every query (more distinct texts than the cache holds) does not push out a document that
 * is sent again and again.
 */
@QuarkusTest
class ParsedDocumentsTest {

    private static final String REPEATED = "query OneContact($id: ID!) { contact(id: $id) { id email } }";

    @Inject
    ParsedDocuments documents;

    private final String tenant = Api.newTenant();
    private final String token = Tokens.admin(tenant);

    @Test
    void aChurnOfInlinedQueriesDoesNotPushOutARepeatedOne() {
        String contact = Seed.contactWithEmail(tenant, "cached@acme.es");
        ask(REPEATED, Map.of("id", contact));
        assertFalse(documents.remembers(REPEATED), "a text seen once is not kept yet");
        ask(REPEATED, Map.of("id", contact));
        assertTrue(documents.remembers(REPEATED), "the second time it is");

        // a value written into each text makes every one of them new (an alias here, an id in the benchmark)
        List<String> inlined = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String text = "query($id: ID!) { contact(id: $id) { id email } n" + i + ": contact(id: $id) { id } }";
            inlined.add(text);
            ask(text, Map.of("id", contact));
        }
        assertTrue(documents.remembers(REPEATED), "more distinct texts than the cache holds left the repeated one in it");
        assertTrue(inlined.stream().noneMatch(documents::remembers), "no text sent once was kept");

        ask(inlined.getFirst(), Map.of("id", contact));
        assertTrue(documents.remembers(inlined.getFirst()), "an inlined text sent again is kept like any other");
    }

    private void ask(String document, Map<String, ?> variables) {
        GraphQL.as(token, document, variables).statusCode(200).body("errors", nullValue()).body("data.contact.id", notNullValue());
    }
}
