package dev.torre.merge;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Merging other contacts into one. */
@Path("/v1/contacts/{id}/merge")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactMergeResource {

    @Inject
    MergeService merges;

    @POST
    @Operation(summary = "Merge contacts into this one", description = """
            The survivor keeps its values unless prefer names another record for a field, and fills its empty fields
            from the others; interactions, orders, deals, tickets, tasks, NPS answers, consents (copied, the original
            contact noted), segment memberships and the externalId move to it. The merged contacts are archived with
            mergedInto set. dryRun answers the same without changing anything.""")
    public MergeView merge(@PathParam("id") UUID id, @NotNull MergeInput input) {
        return merges.mergeContacts(id, input);
    }
}
