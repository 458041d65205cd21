package dev.torre.usage;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST for the tenant's API usage (admin). */
@Path("/v1/usage")
@Tag(name = "API clients")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    UsageService usage;

    @GET
    @Operation(summary = "API usage per day, client and operation family", description = "Counted by every instance and written "
            + "each minute, so the last minute may be missing. At most 92 days at a time.")
    public UsageReport report(@Parameter(description = "First day (UTC), e.g. 2026-12-01; default six days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "Last day (UTC), inclusive; default today") @QueryParam("to") String to) {
        return usage.report(from, to);
    }
}
