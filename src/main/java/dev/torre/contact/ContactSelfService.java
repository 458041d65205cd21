package dev.torre.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

/** The seam through which the preference portal reads and edits the one contact its token speaks for. */
@ApplicationScoped
public class ContactSelfService {

    @Inject
    ContactService contacts;

    /** The contact the portal token speaks for. */
    public ContactView self() {
        return contacts.self();
    }

    /** A merge patch the contact makes to itself; which fields it may touch is the portal's rule. */
    public ContactView updateSelf(JsonNode mergePatch) {
        return contacts.updateSelf(mergePatch);
    }
}
