package dev.torre.platform.event;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.torre.platform.persistence.Clock;
import dev.torre.platform.tenancy.Caller;

/** Appends events; must run inside the transaction of the change the event records. */
@ApplicationScoped
public class EventLog {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String entityType, UUID entityId, String action, Map<String, Object> payload) {
        Event event = new Event();
        event.type = entityType + "." + action;
        event.entityType = entityType;
        event.entityId = entityId;
        event.actor = caller.actor();
        event.requestId = caller.requestId();
        event.occurredAt = Clock.now();
        event.payload = payload;
        em.persist(event);
    }
}
