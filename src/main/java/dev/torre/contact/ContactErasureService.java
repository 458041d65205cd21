package dev.torre.contact;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The seam through which a data-subject request anonymises a contact's own row; the caller has checked who may. */
@ApplicationScoped
public class ContactErasureService {

    @Inject
    ContactService contacts;

    /** Clears every personal field of the contact and marks it archived and erased. */
    public void erase(UUID id) {
        contacts.erase(id);
    }
}
