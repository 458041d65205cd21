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
import dev.torre.deal.DealView;
import dev.torre.platform.graphql.TranslateErrors;

/**
 * GraphQL for scores and predictions, each with its explanation and loaded for a whole page at once: a contact's lead
 * score and churn risk, a deal's win prediction.
 */
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

    @Inject
    PredictionService predictions;

    @Name("churn")
    @Description("A customer's churn risk and its factors; null for contacts that are not customers or before a churn model is ready")
    public List<ChurnRiskView> churn(@Source List<ContactView> contacts) {
        List<UUID> ids = contacts.stream().map(ContactView::id).toList();
        Map<UUID, ChurnRiskView> found = predictions.churnRisksOf(ids);
        return ids.stream().map(found::get).toList();
    }

    @Name("winPrediction")
    @Description("An open deal's win prediction and its factors; null for closed deals or before a deal_win model is ready")
    public List<WinPredictionView> winPrediction(@Source List<DealView> deals) {
        List<UUID> ids = deals.stream().map(DealView::id).toList();
        Map<UUID, WinPredictionView> found = predictions.winPredictionsOf(ids);
        return ids.stream().map(found::get).toList();
    }
}
