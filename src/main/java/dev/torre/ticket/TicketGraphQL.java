package dev.torre.ticket;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;

/** GraphQL for tickets; every field resolves through {@link TicketService}. */
@GraphQLApi
@TranslateErrors
public class TicketGraphQL {

    @Inject
    TicketService tickets;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    @Query
    @Description("A ticket by id, with its SLA state")
    public TicketView ticket(@NonNull @Id String id) {
        return tickets.get(graphql.id(id));
    }

    @Query
    @Description("Tickets, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public TicketConnection tickets(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return TicketConnection.of(tickets.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Mutation
    public TicketView createTicket(@NonNull TicketWrite input) {
        return tickets.create(inputs.bind(graphql.toPatch(input, null), TicketInput.class));
    }

    @Mutation
    @Description("Changes the fields given; fields named in clear are emptied. Fails if the ticket moved past expectedVersion.")
    public TicketView updateTicket(@NonNull @Id String id, @NonNull TicketWrite input, List<String> clear, Long expectedVersion) {
        return tickets.update(graphql.id(id), graphql.toPatch(input, clear), expectedVersion);
    }

    @Mutation
    @Description("Records the customer's satisfaction with the ticket (1..5)")
    public TicketView rateTicket(@NonNull @Id String id, int score, String comment) {
        return tickets.rate(graphql.id(id), new CsatInput(score, comment));
    }

    @Description("Custom fields as a JSON object in text")
    public String properties(@Source TicketView ticket) {
        return graphql.properties("ticket", ticket.id(), ticket.properties());
    }
}
