package dev.torre.deal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.money.Money;

/** A deal as the API shows it; {@code probability} is the effective one (the stage's unless overridden). */
@Type("Deal")
public record DealView(
        @Id UUID id,
        String name,
        String amount,
        String currency,
        @Id UUID pipelineId,
        @Id UUID stageId,
        StageKind status,
        BigDecimal probability,
        boolean probabilityOverridden,
        @Description("Open deals, once a deal_win model is ready: the model's chance (0-1) of winning, beside the seller's probability; see winPrediction for why") BigDecimal predictedWinProbability,
        LocalDate expectedCloseDate,
        String ownerId,
        @Id UUID contactId,
        @Id UUID companyId,
        @Ignore List<DealInput.Party> contacts,
        String source,
        String lostReason,
        Instant closedAt,
        Instant stageChangedAt,
        String externalId,
        @Ignore Map<String, Object> properties,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt) {

    static DealView of(Deal d, StageView stage) {
        BigDecimal probability = switch (stage.kind()) {
            case WON -> BigDecimal.ONE;
            case LOST -> BigDecimal.ZERO;
            case OPEN -> d.probability == null ? stage.probability() : d.probability.stripTrailingZeros();
        };
        return new DealView(d.id, d.name, Money.format(d.amount, d.currency), d.currency, d.pipelineId, d.stageId, stage.kind(),
                probability, d.probability != null,
                d.predictedWinProbability == null ? null : d.predictedWinProbability.stripTrailingZeros(), d.expectedCloseDate, d.ownerId, d.contactId, d.companyId,
                List.copyOf(d.parties), d.source, d.lostReason, d.closedAt, d.stageChangedAt, d.externalId, d.properties,
                d.version, d.createdAt, d.updatedAt, d.archivedAt);
    }
}
