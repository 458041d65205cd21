package dev.torre.merge;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A contact's likely duplicates. */
@Path("/v1/contacts/{id}/duplicates")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactDuplicatesResource {

    @Inject
    DuplicateService duplicates;

    @GET
    @Operation(summary = "List a contact's likely duplicates", description = """
            Other active contacts scored 0-1 by normalised e-mail (case, +tags, Gmail dots), E.164 phone, accent- and
            case-insensitive name similarity and same company; each says which signals matched. Best first, at most 20.""")
    public List<DuplicateView> duplicates(@PathParam("id") UUID id) {
        return duplicates.ofContact(id);
    }
}
