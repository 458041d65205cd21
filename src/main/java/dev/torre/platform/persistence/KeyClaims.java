package dev.torre.platform.persistence;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;

import dev.torre.platform.tenancy.TenantContext;

/**
 * Makes writers of the same unique value (an email, an order number) take turns: each claims
 * the values it is about to check and write with a transaction-scoped advisory lock, so a
 * concurrent writer of the same value waits until the first commits and then finds its record,
 * instead of both passing the check and one failing at the unique index — which aborts its whole
 * transaction, and with it every other item of a batch. Claims are taken in one statement in
 * sorted order, so two writers claiming overlapping sets cannot deadlock on them.
 */
public final class KeyClaims {

    private KeyClaims() {
    }

    /**
     * @param table       the records' table
     * @param valuesByKey the values about to be checked or written, by key name, in their stored form
     */
    public static void claim(EntityManager em, String table, Map<String, ? extends Collection<?>> valuesByKey) {
        TreeSet<String> names = new TreeSet<>();
        String prefix = TenantContext.current() + "/" + table + "/";
        valuesByKey.forEach((key, values) -> values.forEach(v -> {
            if (v != null) {
                names.add(prefix + key + "/" + v);
            }
        }));
        if (names.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                select count(pg_advisory_xact_lock(hashtextextended(s.name, 0)))
                from (select n as name from unnest(cast(?1 as text[])) n order by n) s
                """).setParameter(1, names.toArray(String[]::new)).getSingleResult();
    }
}
