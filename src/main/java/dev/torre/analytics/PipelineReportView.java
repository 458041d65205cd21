package dev.torre.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** How a pipeline stands: its stages' figures, win rate, sales cycle and the reasons deals are lost. */
@Type("PipelineReport")
public record PipelineReportView(
        @Id UUID pipelineId,
        @Description("The moment ages are measured at") Instant asOf,
        List<Stage> stages,
        long won,
        long lost,
        @Description("won / (won + lost), null before any deal closed") BigDecimal winRate,
        @Description("Average days from creation to won, over won deals") BigDecimal averageSalesCycleDays,
        List<LostReason> lostReasons) {

    /** One stage: its deals, their amounts per currency and how long they have been there. */
    @Type("PipelineReportStage")
    public record Stage(@Id UUID stageId, String name, String kind, int position, long count,
            @Description("Average days the stage's deals have been in it") BigDecimal averageAgeDays, List<Amount> amounts) {
    }

    /** The stage's amounts in one currency: the sum and the sum weighted by each deal's win probability. */
    @Type("PipelineReportAmount")
    public record Amount(String currency, String total, String weighted) {
    }

    /** A lost reason, how often it was given, and its rank (ties share one). */
    @Type("LostReason")
    public record LostReason(String reason, long count, int rank) {
    }
}
