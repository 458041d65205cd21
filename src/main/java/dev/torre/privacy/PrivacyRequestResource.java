package dev.torre.privacy;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST for data-subject requests (admin, legal). */
@Path("/v1/privacy/requests")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrivacyRequestResource {

    @Inject
    PrivacyRequestService requests;

    @POST
    @Operation(summary = "Submit a data-subject request", description = "access: a JSON export of everything about the contact; erasure: the contact's personal data anonymised everywhere. Answers 202 with the request; follow its state.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = PrivacyRequestView.class)))
    public Response submit(@NotNull PrivacyRequestInput input) {
        PrivacyRequestView view = requests.submit(input);
        return Response.accepted(view).location(URI.create("/v1/privacy/requests/" + view.id())).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A data-subject request and its state")
    public PrivacyRequestView get(@PathParam("id") UUID id) {
        return requests.get(id);
    }

    @GET
    @Path("{id}/export")
    @Operation(summary = "The export of a completed access request")
    public Map<String, Object> export(@PathParam("id") UUID id) {
        return requests.export(id);
    }
}
