package dev.torre.contact;

import java.util.UUID;

import jakarta.persistence.EntityManager;

import dev.torre.platform.tenancy.TenantContext;

/** Writes scores computed by scoring into {@code contact_derived}, the contacts' narrow table of derived values. */
final class ContactScores {

    private ContactScores() {
    }

    /**
     * Sets one score column of these contacts in one statement, counting a change in {@code score_version} (which
     * moves the contact's ETag). Unchanged values are left alone, unlocked. The rows to change are locked in id order
     * first: two statements updating overlapping rows in whatever order their plans visit them would deadlock.
     *
     * @param column  the column, a trusted name
     * @param sqlType the column's SQL type, for the array the values travel in
     */
    static void store(EntityManager em, String column, String sqlType, UUID[] ids, Object[] values) {
        if (ids.length == 0) {
            return;
        }
        String tenant = TenantContext.current();
        String given = "unnest(cast(?2 as uuid[]), cast(?3 as %s[])) as v(id, value)".formatted(sqlType);
        em.createNativeQuery("""
                select 1 from contact_derived d join %2$s on d.contact_id = v.id
                where d.tenant_id = ?1 and d.%1$s is distinct from v.value
                order by d.contact_id for no key update of d""".formatted(column, given))
                .setParameter(1, tenant).setParameter(2, ids).setParameter(3, values).getResultList();
        em.createNativeQuery("""
                update contact_derived d set %1$s = v.value, score_version = d.score_version + 1
                from unnest(cast(?2 as uuid[]), cast(?3 as %2$s[])) as v(id, value)
                where d.tenant_id = ?1 and d.contact_id = v.id and d.%1$s is distinct from v.value
                """.formatted(column, sqlType))
                .setParameter(1, tenant).setParameter(2, ids).setParameter(3, values)
                .executeUpdate();
    }
}
