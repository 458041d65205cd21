package dev.torre.contact;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.query.FieldRegistry;

/**
 * The seam through which other capabilities read contacts: whether ids exist for their links, views to show,
 * companies for their defaults. It writes nothing, so reading a contact never needs {@link ContactService} itself.
 */
@ApplicationScoped
public class ContactLookupService {

    @Inject
    ContactService contacts;

    /** One contact as the caller's scopes allow it to be read; 404 when the tenant has none with this id. */
    public ContactView get(UUID id) {
        return contacts.get(id);
    }

    /** Contacts by id, for batched loading; missing ids are simply absent. */
    public Map<UUID, ContactView> byIds(Collection<UUID> ids) {
        return contacts.byIds(ids);
    }

    /** Which of these ids name contacts of the current tenant (archived ones included). */
    public Set<UUID> existing(Collection<UUID> ids) {
        return contacts.existing(ids);
    }

    /** Whether this id names an active (neither archived nor erased) contact of the tenant. */
    public boolean active(UUID id) {
        return contacts.active(id);
    }

    /** The company of each of these contacts that has one. */
    public Map<UUID, UUID> companiesOf(Collection<UUID> contactIds) {
        return contacts.companiesOf(contactIds);
    }

    /** What contact filters may name, for capabilities that filter contacts in their own SQL (alias {@code c}). */
    public static FieldRegistry<?> filterFields() {
        return ContactFields.REGISTRY;
    }
}
