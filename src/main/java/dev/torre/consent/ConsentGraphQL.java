package dev.torre.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.contact.ContactView;
import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.input.Inputs;

/** GraphQL for the consent ledger: a contact's current decisions, contactability, and recording a decision. */
@GraphQLApi
@TranslateErrors
public class ConsentGraphQL {

    @Inject
    ConsentService consents;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    /** A decision to record, checked by the same rules as REST. */
    @Input("ConsentDecisionInput")
    public record ConsentWrite(@NonNull String purpose, @NonNull String channel,
            @NonNull @Description("granted, denied or withdrawn") String status, @NonNull String lawfulBasis,
            @NonNull String source, ConsentInput.Proof proof,
            @Description("When the contact decided; defaults to now") Instant occurredAt,
            @Description("When a grant stops holding") Instant expiresAt) {
    }

    @Description("The contact's latest decision per purpose and channel (an expired grant reads effectiveStatus expired)")
    public List<List<ConsentView>> consents(@Source List<ContactView> contacts) {
        Map<UUID, List<ConsentView>> found = consents.currentByContact(contacts.stream().map(ContactView::id).toList());
        return contacts.stream().map(c -> found.get(c.id())).toList();
    }

    @Query
    @Description("Whether the contact may be reached for a purpose on a channel, and why")
    public ContactabilityView contactability(@NonNull @Id String contactId, @NonNull String purpose, @NonNull String channel) {
        return consents.contactability(graphql.id(contactId), purpose, channel);
    }

    @Mutation
    @Description("Appends a decision to the contact's consent ledger (entries are never changed or deleted)")
    public ConsentView recordConsent(@NonNull @Id String contactId, @NonNull ConsentWrite input) {
        return consents.record(graphql.id(contactId), inputs.bind(graphql.toPatch(input, null), ConsentInput.class));
    }
}
