package dev.torre.portal;

import java.util.UUID;

import jakarta.inject.Inject;
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

/** REST for minting a contact's preference-portal token. */
@Path("/v1/contacts/{contactId}/portal-tokens")
@Tag(name = "Preference portal")
@Produces(MediaType.APPLICATION_JSON)
public class PortalTokenResource {

    @Inject
    PortalService portal;

    @POST
    @Operation(summary = "Mint a preference-portal token for a contact (marketing, admin)",
            description = "Short-lived, signed by Torre, subject = the contact; it reaches only /v1/me/*.")
    @APIResponse(responseCode = "201", description = "Minted", content = @Content(schema = @Schema(implementation = PortalTokenView.class)))
    public Response mint(@PathParam("contactId") UUID contactId) {
        return Response.status(201).entity(portal.mint(contactId)).build();
    }
}
