package dev.torre.consent;

import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.GraphQL.expectError;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The consent ledger over GraphQL: recording a decision, a contact's current decisions, contactability, refusals. */
@QuarkusTest
class ConsentGraphQLTest {

    private final String tenant = newTenant();

    private static final String RECORD = """
            mutation($id: ID!, $input: ConsentDecisionInput!) {
              recordConsent(contactId: $id, input: $input) { purpose channel status effectiveStatus proof { ip } }
            }
            """;

    private static final String CONTACTABILITY = """
            query($id: ID!, $purpose: String!, $channel: String!) {
              contactability(contactId: $id, purpose: $purpose, channel: $channel) { allowed reason }
            }""";

    @Test
    void aDecisionRecordedOverGraphQLIsTheContactsCurrentOneAndDecidesContactability() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        String eva = Seed.contact(tenant, "Eva", "Mora");
        String token = Tokens.admin(tenant);
        GraphQL.as(token, RECORD, Map.of("id", ana, "input", Map.of("purpose", "marketing", "channel", "email",
                "status", "granted", "lawfulBasis", "consent", "source", "web_form", "proof", Map.of("ip", "203.0.113.7", "wordingVersion", "newsletter-2026-01"))))
                .body("data.recordConsent.status", equalTo("granted")).body("data.recordConsent.proof.ip", equalTo("203.0.113.7"));
        GraphQL.as(token, RECORD, Map.of("id", ana, "input", Map.of("purpose", "marketing", "channel", "email",
                "status", "withdrawn", "lawfulBasis", "consent", "source", "portal")))
                .body("data.recordConsent.effectiveStatus", equalTo("withdrawn"));

        GraphQL.as(token, """
                query($sort: [String]) { contacts(first: 10, sort: $sort) { edges { node { firstName consents { purpose channel status } } } } }""",
                Map.of("sort", List.of("firstName")))
                .body("data.contacts.edges.node.firstName", contains("Ana", "Eva"))
                .body("data.contacts.edges[0].node.consents", hasSize(1))
                .body("data.contacts.edges[0].node.consents[0].status", equalTo("withdrawn"))
                .body("data.contacts.edges[1].node.consents", hasSize(0));
        GraphQL.as(token, CONTACTABILITY,
                Map.of("id", ana, "purpose", "marketing", "channel", "email")).body("data.contactability.allowed", equalTo(false))
                .body("data.contactability.reason", equalTo("withdrawn"));
        GraphQL.as(token, CONTACTABILITY,
                Map.of("id", eva, "purpose", "marketing", "channel", "email")).body("data.contactability.reason", equalTo("no_decision"));
    }

    @Test
    void badDecisionsAndUnknownContactsAreRefusedAndWriteNothing() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        String token = Tokens.admin(tenant);
        expectError(GraphQL.as(token, RECORD, Map.of("id", ana, "input", Map.of("purpose", "spam", "channel", "email",
                "status", "granted", "lawfulBasis", "consent", "source", "web_form"))), "recordConsent", "VALIDATION");
        expectError(GraphQL.as(token, RECORD, Map.of("id", UUID.randomUUID().toString(), "input", Map.of("purpose", "marketing",
                "channel", "email", "status", "granted", "lawfulBasis", "consent", "source", "web_form"))), "recordConsent", "NOT_FOUND");
        expectError(GraphQL.as(Tokens.readonly(tenant), RECORD, Map.of("id", ana, "input", Map.of("purpose", "marketing",
                "channel", "email", "status", "denied", "lawfulBasis", "consent", "source", "web_form"))), "recordConsent", "FORBIDDEN");
        // another tenant's contact is not found: no decision is recorded on it, nothing is said about it
        String theirs = Seed.contact(newTenant(), "Eve", "X");
        expectError(GraphQL.as(token, RECORD, Map.of("id", theirs, "input", Map.of("purpose", "marketing", "channel", "email",
                "status", "denied", "lawfulBasis", "consent", "source", "web_form"))), "recordConsent", "NOT_FOUND");
        expectError(GraphQL.as(token, CONTACTABILITY,
                Map.of("id", theirs, "purpose", "marketing", "channel", "email")), "contactability", "NOT_FOUND");
        expectError(GraphQL.as(token, CONTACTABILITY, Map.of("id", "1", "purpose", "marketing", "channel", "email")),
                "contactability", "VALIDATION");
        GraphQL.as(token, "query($id: ID!) { contact(id: $id) { consents { status } } }", Map.of("id", ana))
                .body("data.contact.consents", hasSize(0));
    }
}
