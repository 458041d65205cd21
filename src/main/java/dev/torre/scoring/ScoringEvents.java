package dev.torre.scoring;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types scoring writes. */
public class ScoringEvents {

    @Produces
    @Singleton
    DeclaredEvents contactEvents() {
        return DeclaredEvents.of("contact", "score_changed", "score_threshold_crossed", PredictionService.CHURN_RISK_CROSSED);
    }

    @Produces
    @Singleton
    DeclaredEvents scoringModelEvents() {
        return DeclaredEvents.of("scoring_model", "trained");
    }

    @Produces
    @Singleton
    DeclaredEvents scoringSettingsEvents() {
        return DeclaredEvents.of("scoring_settings", "updated");
    }

    @Produces
    @Singleton
    DeclaredEvents scoringRuleEvents() {
        return DeclaredEvents.of("scoring_rule", "created", "updated", "archived", "restored");
    }
}
