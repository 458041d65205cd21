package dev.torre.contact;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The seam through which another capability's write finds or creates the contacts it names by address:
 * senders of inbound messages, buyers of synced orders.
 */
@ApplicationScoped
public class ContactIntakeService {

    @Inject
    ContactService contacts;

    /** An address as contacts store it (lower-case e-mail, E.164 phone), or null when it cannot be one. */
    public String storedAddress(String address) {
        return contacts.storedAddress(address);
    }

    /** The active contacts reachable at these addresses (e-mail or phone), by the address as given. */
    public Map<String, UUID> idsByAddress(Collection<String> addresses) {
        return contacts.idsByAddress(addresses);
    }

    /** Ids of the active contacts with these (lower-case) emails, by email. */
    public Map<String, UUID> idsByEmail(Collection<String> emails) {
        return contacts.idsByEmail(emails);
    }

    /** Holds these key values until the transaction ends, so two writers do not both create the same contact. */
    public void claimKeys(Map<String, ? extends Collection<?>> valuesByKey) {
        contacts.claimKeys(valuesByKey);
    }

    /** Creates a contact known only by an address a channel saw. */
    public ContactView createFromAddress(String address) {
        return contacts.createFromAddress(address);
    }

    /** Creates a contact for a shop's unknown customer (stage customer, the shop as source); answers its id. */
    public UUID createCustomer(String email, String shop) {
        return contacts.createCustomer(email, shop);
    }
}
