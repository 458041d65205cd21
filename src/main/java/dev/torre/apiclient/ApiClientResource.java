package dev.torre.apiclient;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.idempotency.Outcome;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.rest.RecordEndpoints;

/**
 * REST for API clients (admin). Create and rotate answer the client secret once; a create retried with the same
 * Idempotency-Key (same actor and body, 24 hours) gets the first answer again, from a copy kept with the secret sealed
 * ({@link SealedClientAnswers}).
 */
@Path("/v1/api-clients")
@Tag(name = "API clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiClientResource extends RecordEndpoints<ApiClientView, ApiClientInput> {

    private final ApiClientService clients;

    public ApiClientResource(ApiClientService clients) {
        super(clients, ApiClientView::id, ApiClientView::version);
        this.clients = clients;
    }

    @jakarta.inject.Inject
    dev.torre.platform.idempotency.Idempotency idempotentCreates;

    @jakarta.inject.Inject
    SealedClientAnswers sealedAnswers;

    @POST
    @Operation(summary = "Create an API client", description = "The answer shows clientId and clientSecret; the secret only here: store it. "
            + "With an Idempotency-Key, a retry by the same caller within 24 hours gets the first answer, secret included (kept sealed meanwhile).")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = ApiClientView.class)))
    public RestResponse<ApiClientView> create(@HeaderParam("Idempotency-Key") String key, @NotNull ApiClientInput input) {
        return idempotentCreates.execute(key, "api-clients.create", input, () -> {
            ApiClientView view = clients.create(input);
            return Outcome.created("/v1/api-clients/" + view.id(), view.version(), view);
        }, sealedAnswers).toRestResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read an API client", description = "Never shows the secret.")
    public RestResponse<ApiClientView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change an API client", description = "JSON Merge Patch of name, scopes, roles, rateLimit; tokens already "
            + "issued keep what they carry until they expire.")
    public RestResponse<ApiClientView> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an API client", description = "Revokes it: no new tokens, and its tokens are refused within seconds on every instance.")
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @GET
    @Operation(summary = "List API clients", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<ApiClientView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listed(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(summary = "Issue a new client secret", description = "Answers the new secret once; the previous one (and tokens issued "
            + "with it) keeps working until previousSecretExpiresAt (torre.oauth.secret-overlap, 24 h by default).")
    public ApiClientView rotateSecret(@PathParam("id") UUID id) {
        return clients.rotateSecret(id);
    }
}
