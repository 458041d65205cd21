package dev.torre.ticket;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Service KPIs over the tickets opened in [from, to), overall and per group. Times are in
 * seconds (calendar time), rates are fractions 0..1, SLA compliance is a percentage; a
 * figure is null when nothing was there to measure.
 */
public record ServiceKpisView(Instant from, Instant to, String groupBy, Kpis totals, List<Group> groups, Nps nps) {

    /** The figures of one group (or of all tickets). */
    @Schema(name = "ServiceKpis")
    public record Kpis(
            @Schema(description = "Tickets opened in the period") long ticketVolume,
            @Schema(description = "Resolved tickets answered by one outbound response and never reopened, over resolved tickets") BigDecimal firstContactResolutionRate,
            BigDecimal firstResponseMedianSeconds,
            BigDecimal firstResponseP90Seconds,
            BigDecimal resolutionMedianSeconds,
            BigDecimal resolutionP90Seconds,
            @Schema(description = "Tickets answered within their first-response target, over those answered or already late") BigDecimal firstResponseSlaPercent,
            @Schema(description = "Tickets resolved within their resolution target, over those resolved or already late") BigDecimal resolutionSlaPercent,
            @Schema(description = "Tickets still unresolved at 'to' (opened before it)") long backlog,
            @Schema(description = "Mean age of the backlog at 'to'") BigDecimal backlogAverageAgeSeconds,
            @Schema(description = "Mean CSAT score; null when CSAT scores are hidden from the caller's role") BigDecimal csatAverage,
            @Schema(description = "How many tickets were rated; null when CSAT scores are hidden from the caller's role") Long csatResponses,
            @Schema(description = "Reopened tickets over tickets ever resolved") BigDecimal reopenRate) {
    }

    /** One group: key is the assignee, channel, priority or company id (null: tickets without one). */
    @Schema(name = "ServiceKpisGroup")
    public record Group(String key, Kpis kpis) {
    }

    /** Net Promoter Score of the answers given in the period: % promoters (9-10) minus % detractors (0-6). */
    @Schema(name = "NpsSummary")
    public record Nps(BigDecimal score, long promoters, long passives, long detractors, long responses) {
    }
}
