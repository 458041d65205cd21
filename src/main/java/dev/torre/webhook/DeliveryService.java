package dev.torre.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.Keyset;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SortSpec;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/** What callers do with a subscription's deliveries: read them, retry one, replay from a point, send a test ping. */
@ApplicationScoped
public class DeliveryService {

    @Inject
    ServerClock clock;

    @Inject
    Lists lists;

    @Inject
    EntityManager em;

    @Inject
    WebhookService webhooks;

    @Inject
    DeliveryStore store;

    @Inject
    EventFeed feed;

    @Inject
    ObjectMapper mapper;

    /** A replay's starting point. */
    public record ReplayRequest(@org.eclipse.microprofile.openapi.annotations.media.Schema(
            description = "An RFC 3339 time or a change-feed cursor ('next' of /v1/events)", examples = "2026-12-06T10:00:00Z") String from) {
    }

    /** What a replay will redeliver from. */
    public record Replay(String cursor) {
    }

    /** The subscription's deliveries, newest first, in keyset pages. */
    @RequiresScope("webhooks:read")
    public Page<DeliveryView> list(UUID webhookId, String filter, String limit, String cursor) {
        webhooks.subscription(webhookId);
        ListRequest request = ListRequest.of(filter, null, "-id", limit, cursor);
        Page<WebhookDelivery> page = lists.page(WebhookDelivery.class, "webhook_delivery", DeliveryFields.REGISTRY, request,
                SqlFragment.of("c.subscription_id = ?", webhookId), false);
        return new Page<>(page.data().stream().map(DeliveryView::of).toList(), page.next(), page.cursors());
    }

    /** Tries one delivery again now, from a fresh schedule. */
    @Transactional
    @RequiresScope("webhooks:write")
    public DeliveryView retry(UUID webhookId, UUID deliveryId) {
        requireEnabled(webhooks.subscription(webhookId));
        WebhookDelivery delivery = em.find(WebhookDelivery.class, deliveryId);
        if (delivery == null || !delivery.subscriptionId.equals(webhookId)) {
            throw TorreException.notFound("webhook delivery " + deliveryId);
        }
        Object purged = em.createNativeQuery("select jsonb_exists(body, 'purged') from webhook_delivery where tenant_id = ?1 and id = ?2")
                .setParameter(1, TenantContext.current()).setParameter(2, deliveryId).getSingleResult();
        if (Boolean.TRUE.equals(purged)) {
            throw new TorreException(ErrorCode.CONFLICT, "This delivery's content was purged by retention "
                    + "(torre.webhooks.body-retention); replay from its time to deliver the event again");
        }
        em.createNativeQuery("""
                update webhook_delivery set status = 'pending', attempts = 0, next_attempt_at = ?3, lease_until = null,
                    last_error = null, updated_at = ?3
                where tenant_id = ?1 and id = ?2
                """).setParameter(1, TenantContext.current()).setParameter(2, deliveryId).setParameter(3, clock.now())
                .executeUpdate();
        em.refresh(delivery);
        return DeliveryView.of(delivery);
    }

    /**
     * Moves the subscription's position in the log back to the given time or cursor: the worker delivers everything
     * since again, in order, under the same webhook-id per event so receivers can tell repeats.
     */
    @Transactional
    @RequiresScope("webhooks:write")
    public Replay replay(UUID webhookId, ReplayRequest request) {
        webhooks.subscription(webhookId);
        String from = request == null ? null : request.from();
        if (from == null || from.isBlank()) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "from", "required", "An RFC 3339 time or a change-feed cursor");
        }
        String cursor;
        if (EventFeed.isCursor(from.trim())) {
            cursor = from.trim();
        } else {
            Instant time;
            try {
                time = OffsetDateTime.parse(from.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "from", "invalid_value",
                        "Neither an RFC 3339 time (2026-12-06T10:00:00Z) nor a cursor of /v1/events");
            }
            cursor = feed.cursorAt(TenantContext.current(), time).orElse(null);
            if (cursor == null) {
                return new Replay(null);
            }
        }
        em.createNativeQuery("""
                select id from webhook_subscription where tenant_id = ?1 and id = ?2 for no key update
                """).setParameter(1, TenantContext.current()).setParameter(2, webhookId).getResultList();
        em.createNativeQuery("update webhook_subscription set feed_cursor = ?3 where tenant_id = ?1 and id = ?2")
                .setParameter(1, TenantContext.current()).setParameter(2, webhookId).setParameter(3, cursor).executeUpdate();
        return new Replay(cursor);
    }

    /** Queues a {@code webhook.test} ping, sent by the worker like any delivery. */
    @Transactional
    @RequiresScope("webhooks:write")
    public DeliveryView test(UUID webhookId) {
        requireEnabled(webhooks.subscription(webhookId));
        Instant now = clock.now();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "webhook.test");
        envelope.put("timestamp", now.toString());
        envelope.put("data", Map.of("webhookId", webhookId.toString()));
        String body;
        try {
            body = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        UUID id = store.enqueue(webhookId, "webhook.test", webhookId, "msg_" + Ids.next(), body, now);
        em.flush();
        return DeliveryView.of(em.find(WebhookDelivery.class, id));
    }

    private static void requireEnabled(Webhook webhook) {
        if (!webhook.enabled || webhook.archived()) {
            throw new TorreException(ErrorCode.CONFLICT, "The webhook is disabled" + (webhook.disabledReason == null ? ""
                    : " (" + webhook.disabledReason + ")") + "; enable it (PATCH enabled: true) first");
        }
    }

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
