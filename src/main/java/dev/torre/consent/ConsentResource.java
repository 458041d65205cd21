package dev.torre.consent;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.idempotency.Outcome;

/** REST for a contact's consent ledger: append a decision, read the current state and the history. Entries cannot be edited or deleted. */
@Path("/v1/contacts/{contactId}")
@Tag(name = "Consents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsentResource {

    @Inject
    ConsentService consents;

    @Inject
    Idempotency idempotency;

    @POST
    @Path("consents")
    @Operation(summary = "Record a consent decision", description = "Appends to the ledger; entries are never changed or deleted (PUT, PATCH and DELETE answer 405).")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = ConsentView.class)))
    public Response record(@PathParam("contactId") UUID contactId, @HeaderParam("Idempotency-Key") String key,
            @NotNull ConsentInput input) {
        return idempotency.execute(key, "consents.record:" + contactId, input, () -> {
            ConsentView view = consents.record(contactId, input);
            return Outcome.created("/v1/contacts/" + contactId + "/consents/" + view.id(), 0, view);
        }).toResponse();
    }

    @GET
    @Path("consents")
    @Operation(summary = "Current consent state", description = "The latest decision per purpose and channel; grants past their expiry read as expired.")
    public Map<String, List<ConsentView>> current(@PathParam("contactId") UUID contactId) {
        return Map.of("data", consents.current(contactId));
    }

    @GET
    @Path("consents/history")
    @Operation(summary = "The full consent ledger of a contact", description = "Newest decision first.")
    public Map<String, List<ConsentView>> history(@PathParam("contactId") UUID contactId) {
        return Map.of("data", consents.history(contactId));
    }

    @GET
    @Path("consents/{entryId}")
    @Operation(summary = "One ledger entry")
    public ConsentView entry(@PathParam("contactId") UUID contactId, @PathParam("entryId") UUID entryId) {
        return consents.entry(contactId, entryId);
    }

    @POST
    @Path("outreach-checks")
    @Operation(operationId = "checkContactOutreach", summary = "May an outbound message be sent", description = "204 when it may; 409 consent-missing naming the missing consent otherwise. The same check guards recording outbound interactions.")
    @APIResponse(responseCode = "204", description = "The message may be sent")
    public void checkOutreach(@PathParam("contactId") UUID contactId, @NotNull OutreachCheck check) {
        consents.checkOutreach(contactId, check);
    }

    /** The ledger is append-only: any attempt to change or remove entries is answered 405, naming what is allowed. */
    @PUT
    @Path("consents")
    @Operation(hidden = true)
    public void replaceLedger() {
        throw appendOnly("GET, POST");
    }

    @PATCH
    @Path("consents")
    @Operation(hidden = true)
    public void patchLedger() {
        throw appendOnly("GET, POST");
    }

    @DELETE
    @Path("consents")
    @Operation(hidden = true)
    public void deleteLedger() {
        throw appendOnly("GET, POST");
    }

    @PUT
    @Path("consents/{entryId}")
    @Operation(hidden = true)
    public void replaceEntry() {
        throw appendOnly("GET");
    }

    @PATCH
    @Path("consents/{entryId}")
    @Operation(hidden = true)
    public void patchEntry() {
        throw appendOnly("GET");
    }

    @DELETE
    @Path("consents/{entryId}")
    @Operation(hidden = true)
    public void deleteEntry() {
        throw appendOnly("GET");
    }

    private static TorreException appendOnly(String allowed) {
        return new TorreException(ErrorCode.METHOD_NOT_ALLOWED,
                "Consent entries are append-only: record a new decision instead of changing or deleting one",
                List.of(), Map.of("Allow", allowed));
    }

    @GET
    @Path("contactability")
    @Operation(summary = "May this contact be reached for a purpose on a channel", description = "Answers allowed, why, on which lawful basis and since when.")
    public ContactabilityView contactability(@PathParam("contactId") UUID contactId, @QueryParam("purpose") String purpose,
            @QueryParam("channel") String channel) {
        return consents.contactability(contactId, purpose, channel);
    }
}
