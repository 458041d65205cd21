package dev.torre.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/** The service KPIs of a period. */
@Path("/v1/analytics/service")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceAnalyticsResource {

    @Inject
    ServiceAnalyticsService analytics;

    @GET
    @Operation(summary = "Service KPIs", description = "Volume, first-contact resolution, first response and resolution times (median, p90), "
            + "SLA compliance, backlog, CSAT, NPS and reopen rate over the tickets opened in [from, to), overall and per group.")
    public ServiceKpisView kpis(@Parameter(description = "RFC 3339 instant or date (UTC midnight); default: 30 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339 instant or date, exclusive; default: now") @QueryParam("to") String to,
            @Parameter(description = "assignee, channel, priority or company") @QueryParam("groupBy") String groupBy) {
        return analytics.kpis(instant("from", from), instant("to", to), groupBy);
    }

    private static Instant instant(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw TorreException.invalidField(ErrorCode.INVALID_QUERY, name, "invalid_value", name + " is an RFC 3339 instant or a date (YYYY-MM-DD)");
        }
    }
}
