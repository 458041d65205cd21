package dev.torre.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.feed.EventView;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * Reads a subscription's new events from the change feed, as its owner would see them on {@code /v1/events}
 * (same order, same cursor, same hidden fields), and queues a delivery for each that matches its types, fields and
 * filter. The subscription's row is locked while it reads ({@code SKIP LOCKED}): one instance reads it at a time.
 * A reader that is about to send may take the new deliveries it queues under its own lease at once, so that fresh
 * events go out without a claim of their own.
 */
@ApplicationScoped
public class DeliveryScanner {

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    EventFeed feed;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    WebhookService webhooks;

    @Inject
    WebhookConfig config;

    /** The enabled subscriptions of the current tenant. */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<UUID> enabled() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select id from webhook_subscription where tenant_id = ?1 and enabled and archived_at is null order by id")
                .setParameter(1, TenantContext.current()).getResultList();
        return ids;
    }

    /** What a scan read: how many events (a full page: more may follow) and the deliveries it took under its lease. */
    record Scan(int read, List<DeliveryStore.Claim> leased) {
        static final Scan NONE = new Scan(0, List.of());
    }

    /** Reads one page of a subscription's events into deliveries, leaving them all to be claimed. */
    public int scan(UUID subscriptionId) {
        return scan(subscriptionId, null).read();
    }

    /**
     * Reads one page of a subscription's events into deliveries. With a lease end, each new delivery that no earlier
     * pending delivery of its record precedes (in the log or in this page) is queued already claimed until then and
     * answered for sending; the others wait for a claim, as every delivery does without one.
     */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Scan scan(UUID subscriptionId, Instant leaseUntil) {
        String tenant = TenantContext.current();
        if (em.createNativeQuery("""
                select id from webhook_subscription where tenant_id = ?1 and id = ?2 and enabled and archived_at is null
                for no key update skip locked
                """).setParameter(1, tenant).setParameter(2, subscriptionId).getResultList().isEmpty()) {
            return Scan.NONE;
        }
        Webhook w = em.find(Webhook.class, subscriptionId);
        EventFeed.Page page;
        try {
            // read as the owner; the request context may be the scheduler's, so the owner does not outlive the read
            caller.actAs(tenant, w.ownerActor, Set.copyOf(w.ownerRoles), w.ownerScopes == null ? null : Set.copyOf(w.ownerScopes));
            page = feed.readForSubscription(w.feedCursor, w.eventTypes, config.scanBatch());
        } finally {
            caller.actAs(tenant, null, Set.of(), null);
        }
        List<EventView> matching = new ArrayList<>();
        for (EventView event : page.data()) {
            if (changedWatchedField(w, event) && passesFilter(w, event)) {
                matching.add(event);
            }
        }
        List<DeliveryStore.Claim> leased = queue(w, matching, clock.now(), leaseUntil);
        em.createNativeQuery("update webhook_subscription set feed_cursor = ?3 where tenant_id = ?1 and id = ?2")
                .setParameter(1, tenant).setParameter(2, subscriptionId).setParameter(3, page.next()).executeUpdate();
        return new Scan(page.data().size(), leased);
    }

    /**
     * Queues a delivery per event, in the feed's order, in one statement; answers those queued under the lease.
     * The statement does not see its own rows, so a record's second event in the page is never leased: only the
     * first of each record may be, and only when no delivery of that record is still pending.
     */
    private List<DeliveryStore.Claim> queue(Webhook w, List<EventView> events, Instant now, Instant leaseUntil) {
        if (events.isEmpty()) {
            return List.of();
        }
        int n = events.size();
        Boolean[] first = new Boolean[n];
        Set<UUID> seen = new java.util.HashSet<>();
        UUID[] ids = new UUID[n];
        Long[] seqs = new Long[n];
        String[] types = new String[n];
        UUID[] entities = new UUID[n];
        String[] messages = new String[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            EventView event = events.get(i);
            ids[i] = Ids.next();
            seqs[i] = Long.parseLong(event.id());
            types[i] = event.type();
            entities[i] = UUID.fromString(event.entityId());
            first[i] = leaseUntil != null && seen.add(entities[i]);
            messages[i] = messageId(w.id, event.id());
            bodies[i] = envelope(event);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                insert into webhook_delivery (tenant_id, id, subscription_id, event_seq, event_type, entity_id, message_id, body,
                    status, attempts, next_attempt_at, lease_until, created_at, updated_at)
                select ?1, e.id, ?2, e.seq, e.type, e.entity, e.message, cast(e.body as jsonb), 'pending', 0, ?3,
                       case when e.first and not exists (
                                select 1 from webhook_delivery x
                                where x.tenant_id = ?1 and x.subscription_id = ?2 and x.entity_id = e.entity and x.status = 'pending')
                            then cast(?10 as timestamptz) end,
                       ?3, ?3
                from unnest(cast(?4 as uuid[]), cast(?5 as bigint[]), cast(?6 as text[]), cast(?7 as uuid[]),
                            cast(?8 as text[]), cast(?9 as text[]), cast(?11 as boolean[]))
                     with ordinality as e(id, seq, type, entity, message, body, first, n)
                order by e.n
                on conflict (tenant_id, subscription_id, event_seq) where event_seq is not null
                -- met again only after a replay moved the position back: deliver it once more
                do update set status = 'pending', attempts = 0, next_attempt_at = excluded.next_attempt_at,
                    lease_until = null, last_error = null, body = excluded.body, updated_at = excluded.updated_at
                where webhook_delivery.status <> 'pending'
                returning id, lease_until is not null
                """)
                .setParameter(1, TenantContext.current()).setParameter(2, w.id).setParameter(3, now)
                .setParameter(4, ids).setParameter(5, seqs).setParameter(6, types).setParameter(7, entities)
                .setParameter(8, messages).setParameter(9, bodies).setParameter(10, leaseUntil == null ? now : leaseUntil)
                .setParameter(11, first).getResultList();
        if (leaseUntil == null) {
            return List.of();
        }
        Set<UUID> taken = new java.util.HashSet<>();
        for (Object[] row : rows) {
            if (Boolean.TRUE.equals(row[1])) {
                taken.add((UUID) row[0]);
            }
        }
        List<DeliveryStore.Claim> leased = new ArrayList<>(taken.size());
        for (int i = 0; i < n; i++) {
            if (taken.contains(ids[i])) {
                leased.add(new DeliveryStore.Claim(ids[i], w.id, messages[i], bodies[i], 0, w.url, w.secret, w.previousSecret,
                        w.previousSecretUntil));
            }
        }
        return leased;
    }

    private String envelope(EventView event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", event.type());
        envelope.put("timestamp", event.occurredAt().toString());
        envelope.put("data", event);
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event could not be written as JSON", e);
        }
    }

    /** The receiver's dedupe key: the same for every attempt, retry and replay of this event to this subscription. */
    static String messageId(UUID subscriptionId, String eventId) {
        return "msg_" + UUID.nameUUIDFromBytes((subscriptionId + ":" + eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An update passes when it changed a watched field (or a property under one); other events always pass. */
    private static boolean changedWatchedField(Webhook w, EventView event) {
        if (w.fields == null || !event.type().endsWith(".updated")) {
            return true;
        }
        if (!(event.payload().get("changes") instanceof Map<?, ?> changes)) {
            return false;
        }
        for (Object key : changes.keySet()) {
            for (String field : w.fields) {
                if (field.equals(key) || key.toString().startsWith(field + ".")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the record the event is about matches the filter now (archived records included). */
    private boolean passesFilter(Webhook w, EventView event) {
        if (w.filter == null) {
            return true;
        }
        Optional<RecordService.RecordType> type = webhooks.recordType(event.entityType());
        if (type.isEmpty()) {
            return false;
        }
        SqlFragment condition = FilterCompiler.compile(w.filter, type.get().fields(), clock.now());
        List<Object> params = new ArrayList<>();
        params.add(TenantContext.current());
        params.add(UUID.fromString(event.entityId()));
        params.addAll(condition.params());
        Query query = em.createNativeQuery(numbered("select count(*) from " + type.get().table()
                + " c where c.tenant_id = ? and c.id = ? and (" + condition.sql() + ")"));
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return ((Number) query.getSingleResult()).longValue() > 0;
    }

    /** JPA wants ordinal parameters numbered; the fragments use bare {@code ?}, never inside literals. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        for (char ch : sql.toCharArray()) {
            out.append(ch);
            if (ch == '?') {
                out.append(++n);
            }
        }
        return out.toString();
    }
}
