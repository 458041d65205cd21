package dev.torre.analytics;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** Deals by the period they are expected to close in: what is won, what is likely, what could be; per owner too. */
@Type("Forecast")
public record ForecastView(@Description("month or quarter") String period, List<Period> periods) {

    /** One month or quarter. */
    @Type("ForecastPeriod")
    public record Period(LocalDate start, LocalDate end, List<Amount> totals, List<Owner> owners) {
    }

    /** One owner's figures in a period (ownerId null: deals without owner). */
    @Type("ForecastOwner")
    public record Owner(String ownerId, List<Amount> amounts) {
    }

    /**
     * Figures in one currency: committed (won), weighted (open deals × their win probability,
     * not counting committed), best case (committed plus every open deal).
     */
    @Type("ForecastAmount")
    public record Amount(String currency, String committed, String weighted, String bestCase) {
    }
}
