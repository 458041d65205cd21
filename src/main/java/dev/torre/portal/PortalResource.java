package dev.torre.portal;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.consent.ConsentView;
import io.vertx.core.http.HttpServerRequest;

/** REST for the preference portal: the contact's own calls, made with a portal token. */
@Path("/v1/me")
@Tag(name = "Preference portal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalResource {

    @Inject
    PortalService portal;

    @GET
    @Path("profile")
    @Operation(summary = "The contact's own profile (portal token)")
    public ProfileView profile() {
        return portal.profile();
    }

    @PATCH
    @Path("profile")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change the contact's own name, phone or locale (portal token)")
    public ProfileView updateProfile(JsonNode patch) {
        return portal.updateProfile(patch);
    }

    @GET
    @Path("preferences")
    @Operation(summary = "The contact's current consents (portal token)")
    public Map<String, List<ConsentView>> preferences() {
        return Map.of("data", portal.preferences());
    }

    @POST
    @Path("preferences")
    @Operation(operationId = "setMyPreferences", summary = "Record the contact's own consent decisions (portal token)",
            description = "Each becomes a ledger entry with source portal and this request's ip and user agent as proof.")
    public Map<String, List<ConsentView>> setPreferences(List<PreferenceInput> changes, @Context HttpServerRequest request,
            @HeaderParam("User-Agent") String userAgent) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return Map.of("data", portal.setPreferences(changes, ip, userAgent));
    }

    @GET
    @Path("data-export")
    @Operation(summary = "Everything Torre keeps about the contact, as JSON (portal token)")
    public Map<String, Object> export() {
        return portal.export();
    }
}
