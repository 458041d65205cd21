package dev.torre.scoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** A customer's churn risk: the chance of no paid order and no inbound interaction within the churn window. */
@Type("ChurnRisk")
public record ChurnRiskView(UUID contactId, @Description("0 to 1") double churnRisk,
        @Description("The largest logit parts, largest first") List<LogitPart> factors,
        @Description("e.g. churn v2") String model, int modelVersion, Instant computedAt) {

    static ChurnRiskView of(PredictionService.Stored s) {
        return new ChurnRiskView(s.id(), s.probability(), s.factors(), ChurnRisk.KIND + " v" + s.modelVersion(),
                s.modelVersion(), s.computedAt());
    }
}
