package dev.torre.analytics;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

import dev.torre.platform.graphql.TranslateErrors;

/** GraphQL for the sales reports; the same service as REST. */
@GraphQLApi
@TranslateErrors
public class AnalyticsGraphQL {

    @Inject
    AnalyticsService analytics;

    @Query
    @Description("Pipeline figures for deals created between from and to (dates such as 2025-01-31)")
    public PipelineReportView pipelineReport(String pipelineId, String owner, String from, String to) {
        return analytics.pipeline(ReportFilter.of(pipelineId, owner, from, to));
    }

    @Query
    @Description("Forecast by month or quarter of expected close date")
    public ForecastView forecast(String period, String pipelineId, String owner, String from, String to) {
        return analytics.forecast(period, ReportFilter.of(pipelineId, owner, from, to));
    }
}
