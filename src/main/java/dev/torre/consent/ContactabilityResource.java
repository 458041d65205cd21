package dev.torre.consent;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.security.RequiresScope;

/** REST for campaign tools and tenant admins: contactability of many contacts, and the tenant's no-decision policy. */
@Path("/v1")
@Tag(name = "Consents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactabilityResource {

    /** Up to 1000 contacts, one purpose and one channel. */
    public record Question(@NotNull @Size(min = 1, max = ConsentService.MAX_CONTACTS_PER_QUESTION) List<@NotNull UUID> contactIds,
            @NotNull String purpose, @NotNull String channel) {
    }

    @Inject
    ConsentService consents;

    @POST
    @Path("contactability")
    @Operation(operationId = "checkContactability", summary = "Contactability of up to 1000 contacts", description = "One answer per contact, in the order asked; unknown ids answer reason unknown_contact. A read: Idempotency-Key is not needed.")
    @RequiresScope("consents:read") // before the body is validated, like every other operation
    public Map<String, List<ContactabilityView>> contactability(@NotNull @Valid Question question) {
        return Map.of("data", consents.contactability(question.contactIds(), question.purpose(), question.channel()));
    }

    @GET
    @Path("consent-policy")
    @Operation(summary = "What no decision yet means, per purpose")
    public Map<String, List<ConsentPolicyView>> policies() {
        return Map.of("data", consents.policies());
    }

    @PUT
    @Path("consent-policy/{purpose}")
    @Operation(summary = "Set what no decision yet means for a purpose (admin)")
    public ConsentPolicyView setPolicy(@PathParam("purpose") String purpose, @NotNull ConsentPolicyInput input) {
        return consents.setPolicy(purpose, input);
    }
}
