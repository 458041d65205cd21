package dev.torre.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import dev.torre.contact.ContactLookupService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.time.CallerTime;
import dev.torre.platform.time.ServerClock;

/** The only place that writes NPS answers; each is kept (answers are a history, not a state). */
@ApplicationScoped
public class NpsResponseService {

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    ContactLookupService contacts;

    @Transactional
    @RequiresScope("tickets:write")
    public NpsView record(@NotNull @Valid NpsInput input) {
        if (contacts.existing(List.of(input.contactId())).isEmpty()) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "contactId", "not_found", "No contact with id " + input.contactId());
        }
        Instant respondedAt = CallerTime.past("respondedAt", input.respondedAt(), clock.now());
        NpsResponse r = new NpsResponse();
        r.contactId = input.contactId();
        r.score = input.score().shortValue();
        r.comment = input.comment() == null || input.comment().isBlank() ? null : input.comment().trim();
        r.respondedAt = respondedAt == null ? clock.now() : respondedAt;
        em.persist(r);
        em.flush();
        events.append("nps_response", r.id, "created", Map.of("contactId", r.contactId.toString(), "score", input.score()));
        return NpsView.of(r);
    }
}
