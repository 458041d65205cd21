package dev.torre.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.privacy.PersonalData;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Retention: each tenant's rules, applied in bounded batches. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances running the job at once share the
 * work instead of repeating it; each batch is recorded as a {@code retention.applied} event.
 * What a rule removes is removed everywhere, as an erasure would: rows, the content of their
 * events and stored idempotent answers that show them.
 */
@ApplicationScoped
public class RetentionService {

    @Inject
    ServerClock clock;

    static final List<String> ACTIONS = List.of("delete_interactions", "anonymise_archived_contacts");
    static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    PrivacyRequestService privacy;

    @Inject
    PersonalData personalData;

    @Transactional
    @RequiresScope("privacy:write")
    public RetentionPolicyView define(@Valid RetentionPolicyInput in) {
        if (!ACTIONS.contains(in.action())) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "action", "invalid_value", "One of: " + String.join(", ", ACTIONS));
        }
        String type = in.interactionType() == null || in.interactionType().isBlank() ? null : in.interactionType().trim();
        if (type != null && !"delete_interactions".equals(in.action())) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "interactionType", "not_applicable",
                    "Only delete_interactions takes an interactionType");
        }
        UUID id = Ids.next();
        em.createNativeQuery("""
                insert into retention_policy (tenant_id, id, action, interaction_type, older_than_days, version, created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6)
                """).setParameter(1, TenantContext.current()).setParameter(2, id).setParameter(3, in.action())
                .setParameter(4, type).setParameter(5, in.olderThanDays()).setParameter(6, clock.now()).executeUpdate();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", in.action());
        payload.put("interactionType", type);
        payload.put("olderThanDays", in.olderThanDays());
        events.append("retention_policy", id, "created", payload);
        return new RetentionPolicyView(id, in.action(), type, in.olderThanDays());
    }

    @RequiresScope("privacy:read")
    public List<RetentionPolicyView> list() {
        return policies();
    }

    @Transactional
    @RequiresScope("privacy:write")
    public void remove(UUID id) {
        int removed = em.createNativeQuery(
                "update retention_policy set archived_at = now(), version = version + 1 where tenant_id = ?1 and id = ?2 and archived_at is null")
                .setParameter(1, TenantContext.current()).setParameter(2, id).executeUpdate();
        if (removed == 0) {
            throw TorreException.notFound("Retention policy " + id);
        }
        events.append("retention_policy", id, "archived", Map.of());
    }

    /** One bounded pass of the caller's tenant's rules, now. */
    @RequiresScope("privacy:write")
    public Map<String, Integer> applyNow() {
        return applyForCurrentTenant();
    }

    /** One bounded pass of every rule of the current tenant; each batch commits on its own. */
    Map<String, Integer> applyForCurrentTenant() {
        Map<String, Integer> done = new LinkedHashMap<>();
        for (RetentionPolicyView policy : QuarkusTransaction.requiringNew().call(this::policies)) {
            int count = QuarkusTransaction.requiringNew().call(() -> applyOnce(policy));
            done.put(policy.id().toString(), count);
        }
        return done;
    }

    private int applyOnce(RetentionPolicyView policy) {
        String tenant = TenantContext.current();
        int count;
        if ("delete_interactions".equals(policy.action())) {
            @SuppressWarnings("unchecked")
            List<UUID> deleted = em.createNativeQuery("""
                    with gone as (
                        delete from interaction where tenant_id = ?1 and id in (
                            select id from interaction where tenant_id = ?1 and (cast(?2 as text) is null or type = ?2)
                              and occurred_at < now() - make_interval(days => ?3)
                            order by occurred_at limit ?4 for update skip locked)
                        returning id)
                    select id from gone
                    """).setParameter(1, tenant).setParameter(2, policy.interactionType()).setParameter(3, policy.olderThanDays())
                    .setParameter(4, BATCH).getResultList();
            // a deleted message must not live on in its events or in a stored answer
            personalData.forgetDeleted(deleted);
            count = deleted.size();
        } else {
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("""
                    select id from contact where tenant_id = ?1 and erased_at is null and archived_at < now() - make_interval(days => ?2)
                    order by archived_at limit ?3 for update skip locked
                    """).setParameter(1, tenant).setParameter(2, policy.olderThanDays()).setParameter(3, BATCH).getResultList();
            ids.forEach(privacy::eraseContact);
            count = ids.size();
        }
        if (count > 0) {
            events.append("retention", policy.id(), "applied", Map.of("action", policy.action(), "count", count));
        }
        return count;
    }

    private List<RetentionPolicyView> policies() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, action, interaction_type, older_than_days from retention_policy
                where tenant_id = ?1 and archived_at is null order by created_at
                """).setParameter(1, TenantContext.current()).getResultList();
        return rows.stream().map(r -> new RetentionPolicyView((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue())).toList();
    }
}
