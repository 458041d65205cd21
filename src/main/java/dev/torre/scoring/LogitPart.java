package dev.torre.scoring;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/**
 * One feature's exact share of a prediction's logit: coefficient × standardised value. Positive raises the
 * probability, negative lowers it; the intercept plus all the parts is the logit of the probability.
 */
@Type("PredictionFactor")
public record LogitPart(@Description("The feature, e.g. \"source = referral\"; \"(absent)\" when the record lacks it") String name,
        double logit) {
}
