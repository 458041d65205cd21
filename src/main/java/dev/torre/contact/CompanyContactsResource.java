package dev.torre.contact;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;

/** The people of one company, a sub-resource kept beside the contacts it lists. */
@Path("/v1/companies/{id}/contacts")
@Tag(name = "Companies")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyContactsResource {

    @Inject
    ContactService contacts;

    @GET
    @Operation(summary = "List a company's contacts", description = "Same filter, sort and cursor rules as the contact list.")
    public Page<ContactView> list(@PathParam("id") UUID companyId, @QueryParam("filter") String filter,
            @QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return contacts.listOfCompany(companyId, ListRequest.of(filter, null, sort, limit, cursor));
    }
}
