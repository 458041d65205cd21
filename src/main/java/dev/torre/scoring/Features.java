package dev.torre.scoring;

import java.util.ArrayList;
import java.util.List;

import dev.torre.platform.query.SqlFragment;

/**
 * The predictive model's features, computed in SQL for a set of observations {@code obs(contact_id, as_of)}: each
 * piece yields rows {@code (contact_id, feature, value)} for the features that are present (absent ones are 0).
 * Values are numbers; categories become one-hot names such as {@code source = referral}.
 *
 * <p>Further capabilities add pieces here in the same shape (e.g. orders, won deals, open tickets, CSAT), each
 * reading only what happened before {@code o.as_of}.
 */
final class Features {

    /** Addresses people use privately; a business address says more about buying intent. */
    static final String[] PERSONAL_DOMAINS = { "gmail.com", "googlemail.com", "hotmail.com", "outlook.com", "live.com",
            "yahoo.com", "yahoo.es", "icloud.com", "me.com", "aol.com", "gmx.com", "proton.me", "protonmail.com" };

    /** How far back behaviour counts, from each observation's as_of. */
    static final int BEHAVIOUR_DAYS = 90;

    private Features() {
    }

    /** One statement part: {@code select contact_id, feature, value ...} pieces joined by UNION ALL. */
    static SqlFragment pieces(String tenant) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(SqlFragment.of("""
                select o.contact_id, 'source = ' || lower(c.utm_source), 1.0::float8
                from obs o join contact c on c.tenant_id = ? and c.id = o.contact_id
                where c.utm_source is not null and c.utm_source <> ''
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.contact_id, 'email = personal', 1.0::float8
                from obs o join contact c on c.tenant_id = ? and c.id = o.contact_id
                where split_part(c.email, '@', 2) = any(?)
                """, tenant, PERSONAL_DOMAINS));
        parts.add(SqlFragment.of("""
                select o.contact_id, v.feature, 1.0::float8
                from obs o join contact c on c.tenant_id = ? and c.id = o.contact_id
                join company co on co.tenant_id = c.tenant_id and co.id = c.company_id
                cross join lateral (values ('company.tier = ' || co.tier), ('company.size = ' || co.size_band),
                                           ('company.industry = ' || lower(co.industry))) as v(feature)
                where v.feature is not null
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.contact_id, 'interactions: ' || i.type, ln(1 + count(*))::float8
                from obs o join interaction i on i.tenant_id = ? and i.contact_id = o.contact_id
                where i.archived_at is null and i.occurred_at < o.as_of
                  and i.occurred_at >= o.as_of - make_interval(days => ?)
                group by o.contact_id, i.type
                """, tenant, BEHAVIOUR_DAYS));
        // the first path segment of visited pages, e.g. "visits: /pricing" (no '?' here: it is the bind marker)
        parts.add(SqlFragment.of("""
                select o.contact_id, 'visits: /' || lower(v.segment), ln(1 + count(*))::float8
                from obs o join interaction i on i.tenant_id = ? and i.contact_id = o.contact_id
                cross join lateral (select split_part(split_part(split_part(
                    regexp_replace(i.page_url, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*', ''), chr(63), 1), '#', 1), '/', 2)) as v(segment)
                where i.archived_at is null and i.page_url is not null and v.segment <> ''
                  and i.occurred_at < o.as_of and i.occurred_at >= o.as_of - make_interval(days => ?)
                group by o.contact_id, v.segment
                """, tenant, BEHAVIOUR_DAYS));
        parts.add(SqlFragment.of("""
                select o.contact_id, 'interactions in the last 7 days', ln(1 + count(*))::float8
                from obs o join interaction i on i.tenant_id = ? and i.contact_id = o.contact_id
                where i.archived_at is null and i.occurred_at < o.as_of and i.occurred_at >= o.as_of - interval '7 days'
                group by o.contact_id
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.contact_id, 'average sentiment', avg(i.sentiment)::float8
                from obs o join interaction i on i.tenant_id = ? and i.contact_id = o.contact_id
                where i.archived_at is null and i.sentiment is not null and i.occurred_at < o.as_of
                  and i.occurred_at >= o.as_of - make_interval(days => ?)
                group by o.contact_id
                """, tenant, BEHAVIOUR_DAYS));
        return unionAll(parts);
    }

    static SqlFragment unionAll(List<SqlFragment> parts) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (SqlFragment p : parts) {
            sql.append(sql.isEmpty() ? "" : "union all\n").append(p.sql());
            params.addAll(p.params());
        }
        return new SqlFragment(sql.toString(), params);
    }

    /** Joins fragments in order, as one statement. */
    static SqlFragment concat(SqlFragment... parts) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (SqlFragment p : parts) {
            sql.append(p.sql());
            params.addAll(p.params());
        }
        return new SqlFragment(sql.toString(), params);
    }
}
