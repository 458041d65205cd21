package dev.torre.platform.persistence;

import java.util.List;

import jakarta.persistence.EntityManager;

import dev.torre.platform.query.SqlFragment;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A consumer's position in a tenant's event log, one row per tenant in the consumer's own table
 * ({@code tenant_id}, {@code position}), held for the length of a pass so that several instances
 * share the work: the first piece of DESIGN §10's one consumer mechanism (scoring and segments use it).
 */
public final class TenantCursor {

    private TenantCursor() {
    }

    /**
     * Holds the tenant's cursor row for this transaction and answers its position ({@code ""} before the first
     * event), or nothing when another instance holds it. A tenant's first pass creates the row, committed on its
     * own so that a second instance waits only for that insert. The lock timeout makes the pass, not a request
     * waiting on a row the pass holds, give up first.
     *
     * @param table the consumer's cursor table, a constant of the caller's (never caller input)
     */
    public static List<String> claim(EntityManager em, String table, String tenant, int lockTimeoutMs) {
        Sql.update(em, SqlFragment.of("set local lock_timeout = '" + lockTimeoutMs + "ms'"));
        List<String> position = select(em, table, tenant);
        if (position.isEmpty() && QuarkusTransaction.requiringNew().call(() -> Sql.update(em, SqlFragment.of(
                "insert into " + table + " (tenant_id) values (?) on conflict do nothing", tenant))) == 1) {
            position = select(em, table, tenant);
        }
        return position;
    }

    private static List<String> select(EntityManager em, String table, String tenant) {
        return Sql.query(em, SqlFragment.of(
                "select coalesce(position, '') from " + table + " where tenant_id = ? for update skip locked", tenant),
                r -> r.getString(1));
    }
}
