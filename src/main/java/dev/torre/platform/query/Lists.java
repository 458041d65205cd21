package dev.torre.platform.query;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import dev.torre.platform.access.HiddenFieldQueries;
import dev.torre.platform.audit.BulkReadGuard;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Runs a {@link ListRequest} against one table: filter, free text, keyset cursor and sort
 * become one parameterised statement over the tenant's active rows, reading one row more
 * than the page to know whether another page follows.
 */
@ApplicationScoped
public class Lists {

    @Inject
    EntityManager em;

    @Inject
    HiddenFieldQueries hiddenFields;

    @Inject
    BulkReadGuard bulkReads;

    /**
     * @param table the table, aliased {@code c} in the registry's SQL
     * @param scope an extra condition of the caller's (e.g. the contacts of one company)
     */
    public <E> Page<E> page(Class<E> type, String table, FieldRegistry<E> registry, ListRequest request, SqlFragment scope) {
        hiddenFields.check(registry, request);
        SortSpec<E> sort = SortSpec.parse(request.sort(), registry, null);
        List<SqlFragment> conditions = new ArrayList<>();
        conditions.add(SqlFragment.of("c.tenant_id = ?", TenantContext.current()));
        conditions.add(SqlFragment.of("c.archived_at is null"));
        conditions.add(scope);
        if (request.filter() != null) {
            conditions.add(FilterCompiler.compile(request.filter(), registry));
        }
        if (request.filterText() != null && !request.filterText().isBlank()) {
            conditions.add(FilterCompiler.compile(request.filterText(), registry));
        }
        if (request.q() != null) {
            conditions.add(SqlFragment.of("c.search @@ to_tsquery('torre_search', ?)", TextQuery.toTsQuery(request.q())));
        }
        if (request.cursor() != null) {
            conditions.add(Keyset.after(sort, request.cursor()));
        }
        SqlFragment where = SqlFragment.and(conditions);
        String sql = "select c.* from " + table + " c where " + where.sql() + " order by " + sort.orderBy()
                + " limit " + (request.limit() + 1);
        Query query = em.createNativeQuery(numbered(sql), type);
        List<Object> params = where.params();
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<E> rows = query.getResultList();
        boolean more = rows.size() > request.limit();
        List<E> page = more ? List.copyOf(rows.subList(0, request.limit())) : rows;
        String next = more ? Keyset.encode(sort, page.get(page.size() - 1)) : null;
        bulkReads.record(registry.entity(), page.size());
        return new Page<>(page, next, new LazyCursors<>(sort, page));
    }

    /**
     * The cursor of each row, encoded only when asked for: REST needs just the last one (next), GraphQL's
     * edges ask row by row, and encoding all of them up front cost a fifth of a list request's CPU.
     */
    private static final class LazyCursors<E> extends AbstractList<String> {
        private final SortSpec<E> sort;
        private final List<E> rows;

        LazyCursors(SortSpec<E> sort, List<E> rows) {
            this.sort = sort;
            this.rows = rows;
        }

        @Override
        public String get(int index) {
            return Keyset.encode(sort, rows.get(index));
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
