package dev.torre.scoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** A contact's lead score with its explanation: the factors in points, largest first. */
@Type("Score")
public record ScoreView(
        UUID contactId,
        @Description("0 to 100") int value,
        @Description("The factors, largest first; the sum before rounding and clamping to 0-100 is the value") List<Factor> factors,
        @Description("What computed it, e.g. rules v3 + lead_conversion v2") String model,
        @Description("The trained model's conversion probability, when a model took part") Double probability,
        long rulesVersion,
        Integer modelVersion,
        Instant computedAt) {
}
