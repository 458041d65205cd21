package dev.torre.platform.query;

import dev.torre.platform.time.ServerClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.jpa.HibernateHints;

import dev.torre.platform.security.ServerKeys;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Runs a {@link ListRequest} against one table: filter, free text, keyset cursor and sort
 * become one parameterised statement over the tenant's active rows, reading one row more
 * than the page to know whether another page follows.
 */
@ApplicationScoped
public class Lists {

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    FieldGuard hiddenFields;

    @Inject
    ReadCounter bulkReads;

    @Inject
    ServerKeys keys;

    private CursorSeal seal;

    @PostConstruct
    void init() {
        seal = new CursorSeal(keys.derive("keyset-cursor"));
    }

    /**
     * @param table the table, aliased {@code c} in the registry's SQL
     * @param scope an extra condition of the caller's (e.g. the contacts of one company)
     */
    public <E> Page<E> page(Class<E> type, String table, FieldRegistry<E> registry, ListRequest request, SqlFragment scope) {
        return page(type, table, registry, request, scope, true);
    }

    /** The same, for a table whose rows are never archived ({@code archivable} false: no archived_at to leave out). */
    public <E> Page<E> page(Class<E> type, String table, FieldRegistry<E> registry, ListRequest request, SqlFragment scope,
            boolean archivable) {
        SortSpec<E> sort = SortSpec.parse(request.sort(), registry, null);
        FilterParser.Located text = request.filterText() == null || request.filterText().isBlank() ? null
                : FilterParser.parseLocated(request.filterText());
        List<Filter> filters = new ArrayList<>();
        if (request.filter() != null) {
            filters.add(request.filter());
        }
        if (text != null) {
            filters.add(text.filter());
        }
        if (request.q() != null && registry.searchFields().isEmpty()) {
            throw QueryErrors.error("q", QueryErrors.INVALID_VALUE, "Free-text search is not offered for "
                    + registry.entity() + " records; use filter");
        }
        hiddenFields.check(registry, filters, sort, request.q() != null);
        String tenant = TenantContext.current();
        List<SqlFragment> conditions = new ArrayList<>();
        conditions.add(SqlFragment.of("c.tenant_id = ?", tenant));
        if (archivable) {
            conditions.add(SqlFragment.of("c.archived_at is null"));
        }
        conditions.add(scope);
        if (request.filter() != null) {
            conditions.add(FilterCompiler.compile(request.filter(), registry, clock.now()));
        }
        if (text != null) {
            conditions.add(FilterCompiler.compile(text, registry, clock.now()));
        }
        String tsQuery = request.q() == null ? null : TextQuery.toTsQuery(request.q());
        if (tsQuery != null) {
            conditions.add(SqlFragment.of("c.search @@ to_tsquery('torre_search', ?)", tsQuery));
        }
        Keyset<E> keyset = new Keyset<>(sort, seal, tenant, digest(filters, tsQuery, scope));
        if (request.cursor() != null) {
            conditions.add(keyset.after(request.cursor()));
        }
        SqlFragment where = SqlFragment.and(conditions);
        String sql = "select c.* from " + table + " c where " + where.sql() + " order by " + sort.orderBy()
                + " limit " + (request.limit() + 1);
        Query query = em.createNativeQuery(numbered(sql), type);
        if (!em.isJoinedToTransaction()) {
            // a page read outside a transaction is never written back: no dirty-checking snapshots of its rows
            query.setHint(HibernateHints.HINT_READ_ONLY, true);
        }
        List<Object> params = where.params();
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<E> rows = query.getResultList();
        boolean more = rows.size() > request.limit();
        List<E> page = more ? List.copyOf(rows.subList(0, request.limit())) : rows;
        LazyCursors<E> cursors = new LazyCursors<>(keyset, page);
        String next = more ? cursors.get(page.size() - 1) : null;
        bulkReads.record(registry.entity(), page.size());
        return new Page<>(page, next, cursors);
    }

    /**
     * What a cursor is bound to besides entity and sort: the list's filters as parsed, its free text as searched,
     * and the kind of scope (its SQL; not its values, which may move between pages, like the "now" of overdue
     * tasks, or have no stable text, like arrays), digested so that a cursor stays short whatever the filter.
     */
    private static String digest(List<Filter> filters, String tsQuery, SqlFragment scope) {
        String canonical = filters + "\u0000" + tsQuery + "\u0000" + scope.sql();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cursor of each row, encoded only when asked for: REST needs just the last one (next), GraphQL's
     * edges ask row by row, and encoding all of them up front cost a fifth of a list request's CPU. Each is
     * kept once made: sealing draws a fresh nonce, and a page's next (or end) cursor must be its last edge's.
     */
    private static final class LazyCursors<E> extends AbstractList<String> {
        private final Keyset<E> keyset;
        private final List<E> rows;
        private final String[] made;

        LazyCursors(Keyset<E> keyset, List<E> rows) {
            this.keyset = keyset;
            this.rows = rows;
            this.made = new String[rows.size()];
        }

        @Override
        public String get(int index) {
            if (made[index] == null) {
                made[index] = keyset.cursor(rows.get(index));
            }
            return made[index];
        }

        @Override
        public int size() {
            return rows.size();
        }
    }

    /** JPA wants ordinal parameters numbered; the fragments use bare {@code ?}, never inside literals. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            out.append(ch);
            if (ch == '?') {
                out.append(++n);
            }
        }
        return out.toString();
    }
}
