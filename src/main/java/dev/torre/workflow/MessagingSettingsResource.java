package dev.torre.workflow;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.http.ETags;
import dev.torre.platform.rest.Responses;

/** REST for a tenant's messaging settings: frequency caps, quiet hours and the default time zone of workflow messages. */
@Path("/v1/settings/messaging")
@Tag(name = "Workflows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessagingSettingsResource {

    private final MessagingSettings settings;

    public MessagingSettingsResource(MessagingSettings settings) {
        this.settings = settings;
    }

    @GET
    @Operation(summary = "Read the messaging settings", description = "Until the tenant sets its own, the server's defaults (custom: false).")
    @APIResponse(responseCode = "200", description = "The settings; ETag carries their version",
            content = @Content(schema = @Schema(implementation = MessagingSettingsView.class)))
    public Response get(@HeaderParam("If-None-Match") String ifNoneMatch) {
        MessagingSettingsView view = settings.get();
        return Responses.readable(view, view.version(), ifNoneMatch);
    }

    @PUT
    @Operation(summary = "Replace the messaging settings", description = "The whole set: time zone, quiet hours (null: none), caps per"
            + " channel and window, capped purposes, wait or skip when capped. If-Match with a stale version is a 412.")
    @APIResponse(responseCode = "200", description = "The settings now in force",
            content = @Content(schema = @Schema(implementation = MessagingSettingsView.class)))
    public Response put(@HeaderParam("If-Match") String ifMatch, MessagingSettingsInput input) {
        MessagingSettingsView view = settings.put(input, ETags.expectedVersion(ifMatch));
        return Responses.readable(view, view.version(), null);
    }
}
