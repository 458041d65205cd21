package dev.torre.scoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.contact.ContactView;
import dev.torre.platform.graphql.TranslateErrors;

/** GraphQL for scores: a contact's lead score with its explanation, loaded for a whole page of contacts at once. */
@GraphQLApi
@TranslateErrors
public class ScoringGraphQL {

    @Inject
    LeadScoreService scores;

    @Name("score")
    @Description("The contact's lead score and its factors; null until the scoring worker has reached the contact")
    public List<ScoreView> score(@Source List<ContactView> contacts) {
        List<UUID> ids = contacts.stream().map(ContactView::id).toList();
        Map<UUID, ScoreView> found = scores.scoresOf(ids);
        return ids.stream().map(found::get).toList();
    }
}
