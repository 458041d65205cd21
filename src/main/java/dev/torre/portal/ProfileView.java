package dev.torre.portal;

import java.util.UUID;

import dev.torre.contact.ContactView;

/** What a contact sees of itself in the preference portal. */
public record ProfileView(UUID id, String firstName, String lastName, String email, String phone, String locale) {

    static ProfileView of(ContactView c) {
        Object locale = c.properties() == null ? null : c.properties().get(PortalService.LOCALE);
        return new ProfileView(c.id(), c.firstName(), c.lastName(), c.email(), c.phone(), locale instanceof String s ? s : null);
    }
}
