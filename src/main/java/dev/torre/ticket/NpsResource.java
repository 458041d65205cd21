package dev.torre.ticket;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.idempotency.Outcome;

/** Net Promoter answers of contacts. */
@Path("/v1/nps")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NpsResource {

    @Inject
    NpsResponseService nps;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Record a contact's NPS answer (0..10)")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = NpsView.class)))
    public Response record(@HeaderParam("Idempotency-Key") String key, NpsInput input) {
        return idempotency.execute(key, "nps.create", input, () -> {
            NpsView view = nps.record(input);
            return new Outcome(201, null, null, view, false);
        }).toResponse();
    }
}
