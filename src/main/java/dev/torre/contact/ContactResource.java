package dev.torre.contact;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.rest.RecordDocs;
import dev.torre.platform.rest.RecordResource;

/** REST for contacts: the shared record endpoints over {@link ContactService}. */
@Path("/v1/contacts")
@Tag(name = "Contacts", extensions = {
        @Extension(name = RecordDocs.ONE, value = "contact"),
        @Extension(name = RecordDocs.MANY, value = "contacts") })
public class ContactResource extends RecordResource<ContactView, ContactInput> {

    public ContactResource(ContactService contacts) {
        super(contacts, ContactView::id, ContactView::version);
    }
}
