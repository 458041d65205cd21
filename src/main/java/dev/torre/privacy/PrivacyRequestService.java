package dev.torre.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;

import org.jboss.logging.Logger;

import dev.torre.consent.ConsentService;
import dev.torre.contact.ContactErasureService;
import dev.torre.contact.ContactLookupService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.privacy.PersonalData;
import dev.torre.platform.properties.PropertyDefinitions;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.time.ServerClock;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Data-subject requests: an access request gathers everything Torre holds about a contact
 * into one JSON export; an erasure anonymises the contact everywhere and emits
 * {@code contact.erased}. Each request is recorded as received, then runs in a transaction
 * of its own (running → completed, or failed with nothing half-erased).
 */
@ApplicationScoped
public class PrivacyRequestService {

    @Inject
    ServerClock clock;

    private static final Logger LOG = Logger.getLogger(PrivacyRequestService.class);
    private static final int EXPORTED_EVENTS = 100_000;

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    EventFeed eventFeed;

    @Inject
    Caller caller;

    @Inject
    ContactLookupService contacts;

    @Inject
    ContactErasureService contactErasure;

    @Inject
    AccessPolicies access;

    @Inject
    ConsentService consents;

    @Inject
    PersonalData personalData;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @RequiresScope("privacy:write")
    public PrivacyRequestView submit(@Valid PrivacyRequestInput input) {
        if (!"access".equals(input.type()) && !"erasure".equals(input.type())) {
            throw new TorreException(ErrorCode.VALIDATION, "Unknown request type; one of: access, erasure",
                    List.of(new FieldError("type", "invalid_value", "One of: access, erasure")));
        }
        UUID id = QuarkusTransaction.requiringNew().call(() -> received(input));
        try {
            QuarkusTransaction.requiringNew().run(() -> run(id));
        } catch (RuntimeException e) {
            LOG.error("Privacy request " + id + " failed", e);
            QuarkusTransaction.requiringNew().run(() -> {
                PrivacyRequest r = em.find(PrivacyRequest.class, id);
                r.state = "failed";
                r.failure = "The request could not be completed; nothing was changed. Submit it again or contact support.";
                events.append("privacy_request", id, "failed", Map.of("type", r.type));
            });
        }
        return QuarkusTransaction.requiringNew().call(() -> PrivacyRequestView.of(em.find(PrivacyRequest.class, id)));
    }

    @RequiresScope("privacy:read")
    public PrivacyRequestView get(UUID id) {
        return PrivacyRequestView.of(find(id));
    }

    /**
     * The export of a completed access request: everything about a person in one document, so by
     * default only admin and legal may download it (scope {@code privacy:export}, which no
     * {@code *:read} grant covers). The export is complete (see {@link #run}), so a caller whose roles hide a field or
     * a record type is refused it rather than shown what its roles hide.
     */
    @RequiresScope("privacy:export")
    public Map<String, Object> export(UUID id) {
        PrivacyRequest r = find(id);
        if (!access.seesEverything()) {
            throw new TorreException(ErrorCode.FORBIDDEN, "An access export holds everything about the person, including fields or"
                    + " records your role may not see; ask someone whose role sees every field to download it",
                    List.of(new FieldError("id", "hidden_fields", "Your role has hidden fields or unreadable record types")));
        }
        if (!"access".equals(r.type) || !"completed".equals(r.state) || r.result == null) {
            throw new TorreException(ErrorCode.CONFLICT, "Only a completed access request has an export"
                    + ("erasure".equals(r.type) ? "" : " (this one is " + r.state + ")"));
        }
        return r.result;
    }

    private PrivacyRequest find(UUID id) {
        PrivacyRequest r = em.find(PrivacyRequest.class, id);
        if (r == null) {
            throw TorreException.notFound("Privacy request " + id);
        }
        return r;
    }

    private UUID received(PrivacyRequestInput input) {
        if (contacts.existing(List.of(input.contactId())).isEmpty()) {
            throw TorreException.notFound("Contact " + input.contactId());
        }
        PrivacyRequest r = new PrivacyRequest();
        r.type = input.type();
        r.contactId = input.contactId();
        r.state = "received";
        r.progress = 0;
        r.requestedBy = caller.actor();
        em.persist(r);
        em.flush();
        // the event names the request, not the person: it must survive the erasure it records
        events.append("privacy_request", r.id, "received", Map.of("type", r.type));
        return r.id;
    }

    private void run(UUID id) {
        PrivacyRequest r = em.find(PrivacyRequest.class, id);
        r.state = "running";
        r.progress = 10;
        if ("access".equals(r.type)) {
            @SuppressWarnings("unchecked")
            // the person's complete copy, rendered as they see their own data rather than with the submitter's hidden
            // fields (the related rows and events were never filtered: one rule for the whole document)
            Map<String, Object> plain = PropertyDefinitions.forStorage(() -> AccessPolicies.asTheSubject(
                    () -> mapper.convertValue(exportOf(r.contactId), Map.class)));
            r.result = plain;
        } else {
            erase(r.contactId);
        }
        r.state = "completed";
        r.progress = 100;
        r.completedAt = clock.now();
        events.append("privacy_request", id, "completed", Map.of("type", r.type));
    }

    private Map<String, Object> exportOf(UUID contactId) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("profile", contacts.get(contactId));
        export.put("consents", consents.currentOf(contactId));
        export.put("consentHistory", consents.historyOf(contactId));
        // interactions, orders, tickets, deals, scores...: every table that points at the contact
        export.put("records", personalData.rowsAbout(contactId));
        export.put("events", eventFeed.about(contactId, EXPORTED_EVENTS));
        return export;
    }

    /** Erases a contact inside the caller's transaction (a request, or a retention batch). */
    void eraseContact(UUID contactId) {
        erase(contactId);
    }

    private void erase(UUID contactId) {
        contactErasure.erase(contactId);
        consents.eraseProofs(contactId);
        em.flush();
        personalData.erase(contactId);
        events.append("contact", contactId, "erased", Map.of());
    }
}
