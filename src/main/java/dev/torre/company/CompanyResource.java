package dev.torre.company;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.rest.RecordDocs;
import dev.torre.platform.rest.RecordResource;

/** REST for companies: the shared record endpoints over {@link CompanyService}. */
@Path("/v1/companies")
@Tag(name = "Companies", extensions = {
        @Extension(name = RecordDocs.ONE, value = "company"),
        @Extension(name = RecordDocs.MANY, value = "companies") })
public class CompanyResource extends RecordResource<CompanyView, CompanyInput> {

    public CompanyResource(CompanyService companies) {
        super(companies, CompanyView::id, CompanyView::version);
    }
}
