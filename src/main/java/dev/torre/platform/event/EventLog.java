package dev.torre.platform.event;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.statistics.TableStatistics;
import dev.torre.platform.tenancy.AfterCompletion;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantActivity;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * Appends events; must run inside the transaction of the change the event records. A payload
 * never keeps a sealed value: the event says that a sensitive property changed, not to what.
 */
@ApplicationScoped
public class EventLog {

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    TenantActivity activity;

    @Inject
    TableStatistics statistics;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String entityType, UUID entityId, String action, Map<String, Object> payload) {
        Event event = new Event();
        event.type = entityType + "." + action;
        event.entityType = entityType;
        event.entityId = entityId;
        event.actor = caller.actor();
        event.requestId = caller.requestId();
        event.occurredAt = clock.now();
        event.payload = Sealer.withoutSealed(payload);
        em.persist(event);
        onCommit(entityType, "created".equals(action) ? 1 : 0);
    }

    /**
     * Appends one event per entity in a single statement, for set-based work that changes thousands of records at
     * once (a persist per event would cost more than the work itself). Same columns as {@link #append}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String entityType, String action, List<UUID> entityIds, List<Map<String, Object>> payloads) {
        appendAll(entityType, java.util.Collections.nCopies(entityIds.size(), action), entityIds, payloads);
    }

    /**
     * As {@link #appendAll(String, String, List, List)}, each event with its own action (the events of one set-based
     * pass that announces several kinds of change about the same type of record), still in one statement and in
     * the order given.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String entityType, List<String> actions, List<UUID> entityIds, List<Map<String, Object>> payloads) {
        if (entityIds.isEmpty()) {
            return;
        }
        String[] json = new String[payloads.size()];
        try {
            for (int i = 0; i < json.length; i++) {
                json[i] = json(payloads.get(i));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event payload is not JSON", e);
        }
        String[] types = actions.stream().map(action -> entityType + "." + action).toArray(String[]::new);
        String actor = caller.actor();
        em.createNativeQuery("""
                insert into event_log (tenant_id, seq, type, entity_type, entity_id, actor, request_id, occurred_at, payload)
                select ?1, nextval('event_log_seq'), e.type, ?3, e.id, nullif(?4, ''), ?5, ?6, cast(e.payload as jsonb)
                from unnest(cast(?7 as uuid[]), cast(?8 as text[]), cast(?2 as text[])) with ordinality as e(id, payload, type, n)
                order by e.n
                """)
                .setParameter(1, TenantContext.current())
                .setParameter(2, types)
                .setParameter(3, entityType)
                .setParameter(4, actor == null ? "" : actor)
                .setParameter(5, caller.requestId())
                .setParameter(6, clock.now())
                .setParameter(7, entityIds.toArray(UUID[]::new))
                .setParameter(8, json)
                .executeUpdate();
        onCommit(entityType, (int) actions.stream().filter("created"::equals).count());
    }

    /**
     * Once per transaction and tenant, a callback for its commit: the tenant's workers visit it on their next tick
     * ({@link TenantActivity}), and the records it created go to {@link TableStatistics} (rows a rollback took back are
     * not in the table, so nothing is counted before the commit).
     */
    private void onCommit(String entityType, int created) {
        String tenant = TenantContext.current();
        String key = "torre.events-written." + tenant;
        @SuppressWarnings("unchecked")
        Map<String, Integer> counts = (Map<String, Integer>) transactions.getResource(key);
        if (counts == null) {
            Map<String, Integer> fresh = new java.util.HashMap<>();
            transactions.putResource(key, fresh);
            AfterCompletion.register(transactions, status -> {
                if (status == Status.STATUS_COMMITTED) {
                    activity.committed(tenant);
                    fresh.forEach((type, n) -> statistics.created(tenant, type, n));
                }
            });
            counts = fresh;
        }
        if (created > 0) {
            counts.merge(entityType, created, Integer::sum);
        }
    }

    /**
     * A payload as JSON text without any sealed value. Written as it is first (a payload may hold records, not only
     * trees): copying every payload into a tree to strip it cost more than the bulk insert itself, and a sealed value
     * always shows in the text as a string starting {@code "enc:v<n>:}. Only a payload whose text shows one is written
     * again, as a tree with the sealed values left out.
     */
    private String json(Map<String, Object> payload) throws JsonProcessingException {
        String text = mapper.writeValueAsString(payload);
        return MAY_HOLD_SEALED.matcher(text).find() ? mapper.writeValueAsString(Sealer.withoutSealed(mapper.valueToTree(payload))) : text;
    }

    private static final java.util.regex.Pattern MAY_HOLD_SEALED = java.util.regex.Pattern.compile("\"enc:v[0-9]+:",
            java.util.regex.Pattern.CASE_INSENSITIVE);
}
