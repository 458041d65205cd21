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

/** A company's likely duplicates. */
@Path("/v1/companies/{id}/duplicates")
@Tag(name = "Companies")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyDuplicatesResource {

    @Inject
    DuplicateService duplicates;

    @GET
    @Operation(summary = "List a company's likely duplicates", description = """
            Other active companies scored 0-1 by accent- and case-insensitive name similarity and the same domain
            (without www.); each says which signals matched. Best first, at most 20.""")
    public List<DuplicateView> duplicates(@PathParam("id") UUID id) {
        return duplicates.ofCompany(id);
    }
}
