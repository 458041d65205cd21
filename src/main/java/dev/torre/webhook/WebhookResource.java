package dev.torre.webhook;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.idempotency.Outcome;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.rest.RecordEndpoints;

/**
 * REST for webhook subscriptions and their deliveries. Create answers the signing secret once, and again to a replay
 * with the same Idempotency-Key (same actor, 24 hours), from an answer stored with the secret sealed
 * ({@link SealedCreateAnswers}).
 */
@Path("/v1/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource extends RecordEndpoints<WebhookView, WebhookInput> {

    private final WebhookService webhooks;
    private final DeliveryService deliveries;

    @jakarta.inject.Inject
    dev.torre.platform.idempotency.Idempotency idempotentCreates;

    @jakarta.inject.Inject
    SealedCreateAnswers sealedAnswers;

    public WebhookResource(WebhookService webhooks, DeliveryService deliveries) {
        super(webhooks, WebhookView::id, WebhookView::version);
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @POST
    @Operation(summary = "Subscribe a URL to events", description = "The answer shows the signing secret (whsec_...) once; store it. "
            + "With an Idempotency-Key, a retry by the same caller within 24 hours gets the first answer, secret included "
            + "(kept sealed meanwhile).")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers are set", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public RestResponse<WebhookView> create(@HeaderParam("Idempotency-Key") String key, @NotNull WebhookInput input) {
        return idempotentCreates.execute(key, "webhooks.create", input, () -> {
            WebhookView view = webhooks.create(input);
            return Outcome.created("/v1/webhooks/" + view.id(), view.version(), view);
        }, sealedAnswers).toRestResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a webhook subscription", description = "Never shows the secret.")
    public RestResponse<WebhookView> get(@PathParam("id") UUID id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return read(id, ifNoneMatch);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a webhook subscription", description = "JSON Merge Patch; enabled: true resumes a disabled one where it stopped.")
    public RestResponse<WebhookView> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return changed(id, ifMatch, patch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a webhook subscription", description = "Archives it: nothing more is delivered.")
    public void archive(@PathParam("id") UUID id) {
        archived(id);
    }

    @GET
    @Operation(summary = "List webhook subscriptions", description = "Keyset pagination: pass the 'next' value back as cursor.")
    public Page<WebhookView> list(@QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listed(ListRequest.of(filter, null, sort, limit, cursor));
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(summary = "Start a new signing secret", description = "Answers the new secret once; the previous one keeps signing beside it "
            + "(a second v1 signature) until previousSecretExpiresAt (24 h by default).")
    public WebhookView rotateSecret(@PathParam("id") UUID id) {
        return webhooks.rotateSecret(id);
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "List a subscription's deliveries", description = "Newest first, keyset pages; filter on status or eventType.")
    public Page<DeliveryView> deliveries(@PathParam("id") UUID id, @QueryParam("filter") String filter,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return deliveries.list(id, filter, limit, cursor);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/retry")
    @Operation(summary = "Retry a delivery now", description = "Pending again with a fresh retry schedule.")
    public DeliveryView retry(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return deliveries.retry(id, deliveryId);
    }

    @POST
    @Path("{id}/replay")
    @ResponseStatus(202)
    @Operation(summary = "Redeliver everything since a time or cursor", description = "Events already delivered come again with the same webhook-id.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryService.Replay.class)))
    public DeliveryService.Replay replay(@PathParam("id") UUID id, @NotNull DeliveryService.ReplayRequest request) {
        return deliveries.replay(id, request);
    }

    @POST
    @Path("{id}/test")
    @ResponseStatus(202)
    @Operation(summary = "Send a webhook.test ping", description = "Queued and sent by the worker like any delivery.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public DeliveryView test(@PathParam("id") UUID id) {
        return deliveries.test(id);
    }
}
