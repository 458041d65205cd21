package dev.torre.ticket;

import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** GraphQL for tickets, interactions, timelines and tasks: the same rules as REST. */
@QuarkusTest
class ServiceGraphQLTest {

    private final String tenant = newTenant();

    /** Custom properties travel over GraphQL as JSON text, and come back as the same text. */
    private static final String PROPERTIES = """
            {"sku":"X1"}""";

    private ValidatableResponse graphql(String document, Map<String, ?> variables) {
        return GraphQL.as(Tokens.admin(tenant), document, variables).statusCode(200);
    }

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    @Test
    void opensATicketRecordsAReplyAndReadsTheTimeline() {
        TestTime.set("2026-03-02T09:00:00Z");
        String contact = Seed.contact(tenant, "Ana", "Soler");
        String ticket = graphql("""
                mutation($input: TicketInput!) { createTicket(input: $input) { id status priority properties } }
                """, Map.of("input", Map.of("subject", "Broken", "contactId", contact, "channel", "EMAIL", "properties", PROPERTIES)))
                .body("errors", nullValue())
                .body("data.createTicket.status", equalTo("NEW"))
                .body("data.createTicket.properties", equalTo(PROPERTIES))
                .extract().path("data.createTicket.id");
        TestTime.set("2026-03-02T10:00:00Z");
        graphql("""
                mutation($input: InteractionInput!) { recordInteraction(input: $input) { id direction } }
                """, Map.of("input", Map.of("type", "EMAIL", "direction", "OUTBOUND", "occurredAt", "2026-03-02T10:00:00Z",
                "ticketId", ticket, "contactId", contact, "purpose", "service_notifications"))).body("errors", nullValue());
        graphql("""
                query($id: ID!) { ticket(id: $id) { firstRespondedAt } timeline(ticketId: $id, first: 5) { edges { node { type } } } }
                """, Map.of("id", ticket)).body("errors", nullValue())
                .body("data.ticket.firstRespondedAt", equalTo("2026-03-02T10:00:00Z"))
                .body("data.timeline.edges.node.type", contains("EMAIL"));
        graphql("""
                mutation($id: ID!) { a: updateTicket(id: $id, input: {status: OPEN}) { status } }
                """, Map.of("id", ticket)).body("data.a.status", equalTo("OPEN"));
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), """
                mutation($id: ID!) { updateTicket(id: $id, input: {status: NEW}) { status } }
                """, Map.of("id", ticket)), "updateTicket", "CONFLICT");
        graphql("""
                query($filter: String) { tickets(filter: $filter, first: 10) { edges { node { subject } } pageInfo { hasNextPage } } }
                """, Map.of("filter", "status eq \"open\""))
                .body("data.tickets.edges.node.subject", contains("Broken"));
    }

    @Test
    void tasksAndTheirOverdueFilter() {
        graphql("""
                mutation($input: TaskInput!) { createTask(input: $input) { id overdue } }
                """, Map.of("input", Map.of("title", "Call", "dueAt", "2020-01-01T00:00:00Z")))
                .body("errors", nullValue()).body("data.createTask.overdue", equalTo(true));
        graphql("query { tasks(overdue: true) { edges { node { title status } } } }", Map.of())
                .body("data.tasks.edges.node.title", contains("Call"));
    }
}
