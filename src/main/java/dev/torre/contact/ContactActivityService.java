package dev.torre.contact;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The seam through which interactions, orders and merges roll their facts up onto contacts (last-interaction
 * marks, purchase history); each call joins the caller's transaction.
 */
@ApplicationScoped
public class ContactActivityService {

    @Inject
    ContactService contacts;

    /** Moves the contacts' last-interaction marks forward (never back); see {@link ContactService#recordInteractions}. */
    public void recordInteractions(Map<UUID, Instant> latest, Map<UUID, Instant> latestInbound) {
        contacts.recordInteractions(latest, latestInbound);
    }

    /** Sets one contact's last-interaction marks to exactly these times, for when an interaction stops counting. */
    public void resetInteractions(UUID contactId, Instant latest, Instant latestInbound) {
        contacts.resetInteractions(contactId, latest, latestInbound);
    }

    /** Stores what these buyers have bought, summed by {@code summary} once they are locked; see {@link ContactService#recordPurchases}. */
    public void recordPurchases(Set<UUID> buyers, Function<Set<UUID>, Map<UUID, PurchasesView>> summary) {
        contacts.recordPurchases(buyers, summary);
    }
}
