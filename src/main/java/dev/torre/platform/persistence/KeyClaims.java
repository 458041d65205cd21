package dev.torre.platform.persistence;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Makes writers of the same unique value (an email, an order number) take turns: each claims
 * the values it is about to check and write with a transaction-scoped advisory lock, so a
 * concurrent writer of the same value waits until the first commits and then finds its record,
 * instead of both passing the check and one failing at the unique index — which aborts its whole
 * transaction, and with it every other item of a batch. Claims are taken in one statement in
 * sorted order, so two writers claiming overlapping sets cannot deadlock on them.
 * <p>
 * Waiting for a claim is queueing behind other writers, not work: several batches over the same keys wait for each
 * other in turn, longer together than one statement may run. The claim therefore runs under its own bound (set for
 * that statement only, the request's bound applies again after it), and a write that waited it out is answered 503
 * with Retry-After, having written nothing.
 */
public final class KeyClaims {

    private KeyClaims() {
    }

    /**
     * @param table       the records' table
     * @param valuesByKey the values about to be checked or written, by key name, in their stored form
     * @param wait        how long to wait for writers holding some of these values
     */
    public static void claim(EntityManager em, String table, Map<String, ? extends Collection<?>> valuesByKey, Duration wait) {
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
        Object bound = em.createNativeQuery("""
                with previous as materialized (select current_setting('statement_timeout') as bound)
                select p.bound from previous p, lateral (select set_config('statement_timeout', ?1, true)) s
                """).setParameter(1, Long.toString(wait.toMillis())).getSingleResult();
        try {
            em.createNativeQuery("""
                    select count(pg_advisory_xact_lock(hashtextextended(s.name, 0)))
                    from (select n as name from unnest(cast(?1 as text[])) n order by n) s
                    """).setParameter(1, names.toArray(String[]::new)).getSingleResult();
        } catch (PersistenceException e) {
            if (cancelled(e)) {
                throw new TorreException(ErrorCode.UNAVAILABLE, "Other writes to the same records were queued ahead of this"
                        + " one for too long; nothing was written. Send it again", List.of(), Map.of("Retry-After", "2"));
            }
            throw e;
        }
        em.createNativeQuery("select set_config('statement_timeout', ?1, true)").setParameter(1, bound.toString()).getSingleResult();
    }

    private static boolean cancelled(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
