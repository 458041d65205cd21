package dev.torre.ticket;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.Tenants;
import dev.torre.platform.time.ServerClock;

/**
 * Emits {@code ticket.sla_warning} (80 % of a target), {@code ticket.sla_breached} (100 %)
 * and {@code ticket.stale}, each exactly once per ticket and target, however many server
 * instances run it: due tickets are claimed with {@code FOR UPDATE SKIP LOCKED}, and the
 * event and the mark that it was emitted are written in the same transaction.
 */
@ApplicationScoped
public class SlaJob {

    @Inject
    ServerClock clock;

    private static final int CLAIM = 500;

    /** The events a ticket may owe, each as a condition on its row (?1 = now, ?2 = the stale threshold). */
    private static final Map<String, String> DUE = new LinkedHashMap<>();

    static {
        DUE.put("first_response_warned", "not t.first_response_warned and t.first_responded_at is null and t.first_response_warn_at <= ?1");
        DUE.put("first_response_breached", "not t.first_response_breached and t.first_responded_at is null and t.first_response_due_at <= ?1");
        DUE.put("resolution_warned", "not t.resolution_warned and t.resolution_minutes is not null and (t.resolution_warn_at <= ?1"
                + " and t.resolution_running_since is not null or t.resolution_spent_seconds * 5 >= t.resolution_minutes * 240)");
        DUE.put("resolution_breached", "not t.resolution_breached and t.resolution_minutes is not null and (t.resolution_due_at <= ?1"
                + " and t.resolution_running_since is not null or t.resolution_spent_seconds >= t.resolution_minutes * 60)");
        DUE.put("stale", "t.stale_notified_at is null and t.last_activity_at <= ?2");
    }

    private static final String OPEN = "t.archived_at is null and t.status not in ('resolved', 'closed') and (("
            + String.join(") or (", DUE.values()) + "))";

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    TorreConfig config;

    @Inject
    Tenants tenants;

    @WorkerTick
    @Scheduled(identity = "ticket-sla", every = "${torre.service.sla-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass over every tenant with something due; answers how many events it emitted. */
    @ActivateRequestContext
    public int run() {
        Instant now = clock.now();
        Instant staleBefore = now.minus(config.service().staleAfter());
        return tenants.forEach("SLA check", tenant -> QuarkusTransaction.requiringNew().call(() -> emit(tenant, now, staleBefore)));
    }

    /** Claims a tenant's due tickets (rows another instance holds are skipped), emits what they owe, marks it emitted. */
    private int emit(String tenant, Instant now, Instant staleBefore) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.id, t.first_response_due_at, t.resolution_due_at, "
                + String.join(", ", DUE.values().stream().map(c -> "(" + c + ")").toList())
                + " from ticket t where t.tenant_id = ?3 and " + OPEN + " order by t.id limit " + CLAIM + " for update skip locked")
                .setParameter(1, now).setParameter(2, staleBefore).setParameter(3, tenant).getResultList();
        int emitted = 0;
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            boolean[] owed = new boolean[DUE.size()];
            for (int i = 0; i < owed.length; i++) {
                owed[i] = Boolean.TRUE.equals(row[3 + i]);
            }
            emitted += owe(id, owed[0], "sla_warning", "first_response", row[1]);
            emitted += owe(id, owed[1], "sla_breached", "first_response", row[1]);
            emitted += owe(id, owed[2], "sla_warning", "resolution", row[2]);
            emitted += owe(id, owed[3], "sla_breached", "resolution", row[2]);
            if (owed[4]) {
                events.append("ticket", id, "stale", Map.of("staleAfter", config.service().staleAfter().toString()));
                emitted++;
            }
            em.createNativeQuery("""
                    update ticket set first_response_warned = first_response_warned or ?1,
                      first_response_breached = first_response_breached or ?2,
                      resolution_warned = resolution_warned or ?3,
                      resolution_breached = resolution_breached or ?4,
                      stale_notified_at = case when ?5 then cast(?6 as timestamptz) else stale_notified_at end
                    where tenant_id = ?7 and id = ?8
                    """).setParameter(1, owed[0]).setParameter(2, owed[1]).setParameter(3, owed[2]).setParameter(4, owed[3])
                    .setParameter(5, owed[4]).setParameter(6, now.toString()).setParameter(7, tenant).setParameter(8, id).executeUpdate();
        }
        return emitted;
    }

    private int owe(UUID ticket, boolean owed, String action, String target, Object dueAt) {
        if (!owed) {
            return 0;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("target", target);
        payload.put("dueAt", dueAt == null ? "" : dueAt.toString());
        events.append("ticket", ticket, action, payload);
        return 1;
    }
}
