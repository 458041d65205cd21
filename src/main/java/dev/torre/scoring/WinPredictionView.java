package dev.torre.scoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** An open deal's predicted chance of being won, with the largest logit parts of the deal_win model. */
@Type("WinPrediction")
public record WinPredictionView(UUID dealId, @Description("0 to 1") double predictedWinProbability,
        @Description("The largest logit parts, largest first") List<LogitPart> factors,
        @Description("e.g. deal_win v3") String model, int modelVersion, Instant computedAt) {

    static WinPredictionView of(PredictionService.Stored s) {
        return new WinPredictionView(s.id(), s.probability(), s.factors(), DealWin.KIND + " v" + s.modelVersion(),
                s.modelVersion(), s.computedAt());
    }
}
