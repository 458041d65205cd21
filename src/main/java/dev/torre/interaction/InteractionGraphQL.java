package dev.torre.interaction;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.security.RequiresScope;

/** GraphQL for interactions and timelines; every field resolves through {@link InteractionService}. */
@GraphQLApi
@TranslateErrors
public class InteractionGraphQL {

    @Inject
    InteractionService interactions;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    @Query
    public InteractionView interaction(@NonNull @Id String id) {
        return interactions.get(graphql.id(id));
    }

    @Query
    @Description("Interactions, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public InteractionConnection interactions(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return InteractionConnection.of(interactions.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Query
    @Description("The timeline of a contact, company (with its contacts') or ticket, newest first; give exactly one id")
    @RequiresScope("interactions:read") // before the arguments are checked, as on every other field
    public InteractionConnection timeline(@Id String contactId, @Id String companyId, @Id String ticketId, List<String> types,
            Integer first, String after) {
        String typeList = types == null ? null : String.join(",", types);
        String limit = first == null ? null : first.toString();
        int given = (contactId == null ? 0 : 1) + (companyId == null ? 0 : 1) + (ticketId == null ? 0 : 1);
        if (given != 1) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "contactId", "required", "Give exactly one of contactId, companyId, ticketId");
        }
        return InteractionConnection.of(contactId != null ? interactions.contactTimeline(graphql.id(contactId), typeList, limit, after)
                : companyId != null ? interactions.companyTimeline(graphql.id(companyId), typeList, limit, after)
                        : interactions.ticketTimeline(graphql.id(ticketId), typeList, limit, after));
    }

    @Mutation
    @Description("Records an interaction; the same message (externalMessageId and content) recorded again answers the stored one")
    public InteractionView recordInteraction(@NonNull InteractionWrite input, @DefaultValue("false") boolean createUnknownContact) {
        return interactions.create(inputs.bind(graphql.toPatch(input, null), InteractionInput.class), createUnknownContact).view();
    }

    @Mutation
    @Description("Changes the fields given; fields named in clear are emptied")
    public InteractionView updateInteraction(@NonNull @Id String id, @NonNull InteractionWrite input, List<String> clear,
            Long expectedVersion) {
        return interactions.update(graphql.id(id), graphql.toPatch(input, clear), expectedVersion);
    }

    @Description("Custom fields as a JSON object in text")
    public String properties(@Source InteractionView interaction) {
        return graphql.properties("interaction", interaction.id(), interaction.properties());
    }
}
