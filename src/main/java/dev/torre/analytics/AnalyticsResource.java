package dev.torre.analytics;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST for the sales reports. */
@Path("/v1/analytics")
@Tag(name = "Analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    @Inject
    AnalyticsService analytics;

    @GET
    @Path("pipeline")
    @Operation(summary = "Pipeline figures", description = "Per stage: deals, amount and weighted amount per currency, average days in the stage; "
            + "win rate, average sales cycle, lost reasons ranked. Deals created between from and to (dates, inclusive); the default pipeline unless pipelineId is given.")
    public PipelineReportView pipeline(@QueryParam("pipelineId") String pipelineId, @QueryParam("owner") String owner,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return analytics.pipeline(ReportFilter.of(pipelineId, owner, from, to));
    }

    @GET
    @Path("forecast")
    @Operation(summary = "Forecast by close period", description = "Open and won deals by the month or quarter of their expected close date "
            + "(from and to filter that date): committed, weighted and best case per currency, in total and per owner.")
    public ForecastView forecast(@QueryParam("period") String period, @QueryParam("pipelineId") String pipelineId,
            @QueryParam("owner") String owner, @QueryParam("from") String from, @QueryParam("to") String to) {
        return analytics.forecast(period, ReportFilter.of(pipelineId, owner, from, to));
    }
}
