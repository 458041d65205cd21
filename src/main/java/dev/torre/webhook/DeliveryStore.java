package dev.torre.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.tenancy.TenantContext;

/**
 * The delivery rows' life: claimed under a lease ({@code FOR UPDATE SKIP LOCKED}, so instances share the work and
 * a dead one's claims come back when the lease ends), then marked delivered, scheduled again or failed — and the
 * subscription disabled, with a {@code webhook.disabled} event, when a receiver is gone or keeps failing.
 */
@ApplicationScoped
public class DeliveryStore {

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    /** A claimed delivery with what sending it needs. */
    record Claim(UUID id, UUID subscriptionId, String messageId, String body, int attempts, String url, String secret,
            String previousSecret, Instant previousSecretUntil) {
    }

    /** What one attempt came to. */
    record Attempt(Claim claim, boolean delivered, boolean gone, Integer status, Integer latencyMs, String error) {
    }

    /**
     * Claims due deliveries until the lease ends. Per subscription and record only the earliest pending one is
     * claimable, so a record's later event never overtakes an earlier one that is in flight or waiting to retry.
     */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claim(int limit, Instant now, Instant leaseUntil) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with due as (
                    select d.id, s.url, s.secret, s.previous_secret, s.previous_secret_until
                    from webhook_delivery d
                    join webhook_subscription s on s.tenant_id = d.tenant_id and s.id = d.subscription_id
                    where d.tenant_id = ?1 and d.status = 'pending' and d.next_attempt_at <= ?2
                      and (d.lease_until is null or d.lease_until < ?2)
                      and s.enabled and s.archived_at is null
                      and not exists (select 1 from webhook_delivery e
                                      where e.tenant_id = d.tenant_id and e.subscription_id = d.subscription_id
                                        and e.entity_id = d.entity_id and e.status = 'pending' and e.position < d.position)
                    order by d.position
                    limit ?3
                    for update of d skip locked
                )
                update webhook_delivery d set lease_until = ?4, updated_at = ?2
                from due where d.tenant_id = ?1 and d.id = due.id
                returning d.id, d.subscription_id, d.message_id, cast(d.body as text), d.attempts,
                          due.url, due.secret, due.previous_secret, due.previous_secret_until, d.position
                """)
                .setParameter(1, TenantContext.current()).setParameter(2, now).setParameter(3, limit)
                .setParameter(4, leaseUntil).getResultList();
        rows.sort((a, b) -> Long.compare(((Number) a[9]).longValue(), ((Number) b[9]).longValue()));
        List<Claim> claims = new ArrayList<>();
        for (Object[] r : rows) {
            claims.add(new Claim((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                    (String) r[5], (String) r[6], (String) r[7], r[8] == null ? null : toInstant(r[8])));
        }
        return claims;
    }

    /**
     * Writes what the attempts came to, in one transaction: the delivered ones in one statement, failures one by one
     * (scheduling retries from the schedule, disabling where it is over or the receiver is gone). Only claims still
     * held under this lease are written: one that ran out and was taken over belongs to the instance that took it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @ActivateRequestContext
    public void record(List<Attempt> attempts, Instant now, Instant leaseUntil, RetrySchedule schedule) {
        List<UUID> delivered = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        List<Integer> latencies = new ArrayList<>();
        for (Attempt a : attempts) {
            if (a.delivered()) {
                delivered.add(a.claim().id());
                statuses.add(a.status());
                latencies.add(a.latencyMs());
            }
        }
        if (!delivered.isEmpty()) {
            em.createNativeQuery("""
                    update webhook_delivery d set status = 'delivered', attempts = d.attempts + 1, response_status = u.status,
                        latency_ms = u.latency, last_error = null, next_attempt_at = ?2, delivered_at = ?2, lease_until = null,
                        updated_at = ?2
                    from unnest(cast(?3 as uuid[]), cast(?4 as int[]), cast(?5 as int[])) as u(id, status, latency)
                    where d.tenant_id = ?1 and d.id = u.id and d.lease_until = ?6
                    """)
                    .setParameter(1, TenantContext.current()).setParameter(2, now)
                    .setParameter(3, delivered.toArray(UUID[]::new)).setParameter(4, statuses.toArray(Integer[]::new))
                    .setParameter(5, latencies.toArray(Integer[]::new)).setParameter(6, leaseUntil).executeUpdate();
        }
        for (Attempt a : attempts) {
            if (a.delivered()) {
                continue;
            }
            int tries = a.claim().attempts() + 1;
            Instant next = schedule.next(tries, now);
            if (a.gone()) {
                if (update(a, tries, "failed", now, now, leaseUntil)) {
                    disable(a.claim().subscriptionId(), "The receiver answered 410 Gone", now);
                }
            } else if (next == null) {
                if (update(a, tries, "failed", now, now, leaseUntil)) {
                    disable(a.claim().subscriptionId(), "Delivery kept failing for the whole retry schedule (" + tries
                            + " attempts); last error: " + a.error(), now);
                }
            } else {
                update(a, tries, "pending", next, now, leaseUntil);
            }
        }
    }

    /** Records a failed attempt; answers whether the claim was still held (and so written). */
    private boolean update(Attempt a, int tries, String status, Instant nextAttempt, Instant now, Instant leaseUntil) {
        return em.createNativeQuery("""
                update webhook_delivery set status = ?3, attempts = ?4, response_status = ?5, latency_ms = ?6,
                    last_error = ?7, next_attempt_at = ?8, lease_until = null, updated_at = ?9
                where tenant_id = ?1 and id = ?2 and lease_until = ?10
                """)
                .setParameter(1, TenantContext.current()).setParameter(2, a.claim().id()).setParameter(3, status)
                .setParameter(4, tries).setParameter(5, a.status()).setParameter(6, a.latencyMs())
                .setParameter(7, a.error() == null ? null : truncate(a.error())).setParameter(8, nextAttempt)
                .setParameter(9, now).setParameter(10, leaseUntil).executeUpdate() > 0;
    }

    /** Stops a subscription's deliveries (they wait, pending, until it is enabled again) and says so in the log. */
    private void disable(UUID subscriptionId, String reason, Instant now) {
        int changed = em.createNativeQuery("""
                update webhook_subscription set enabled = false, disabled_reason = ?3, version = version + 1, updated_at = ?4
                where tenant_id = ?1 and id = ?2 and enabled
                """)
                .setParameter(1, TenantContext.current()).setParameter(2, subscriptionId).setParameter(3, truncate(reason))
                .setParameter(4, now).executeUpdate();
        if (changed > 0) {
            events.append("webhook", subscriptionId, "disabled", Map.of("reason", truncate(reason)));
        }
    }

    /** Queues a delivery that is not an event of the log (a test ping). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueue(UUID subscriptionId, String eventType, UUID entityId, String messageId, String body, Instant now) {
        UUID id = Ids.next();
        em.createNativeQuery("""
                insert into webhook_delivery (tenant_id, id, subscription_id, event_type, entity_id, message_id, body, status,
                    attempts, next_attempt_at, created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), 'pending', 0, ?8, ?8, ?8)
                """)
                .setParameter(1, TenantContext.current()).setParameter(2, id).setParameter(3, subscriptionId)
                .setParameter(4, eventType).setParameter(5, entityId).setParameter(6, messageId).setParameter(7, body)
                .setParameter(8, now).executeUpdate();
        return id;
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    private static Instant toInstant(Object value) {
        return value instanceof Instant i ? i : value instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) value).toInstant();
    }
}
