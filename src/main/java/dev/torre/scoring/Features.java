package dev.torre.scoring;

import java.util.ArrayList;
import java.util.List;

import dev.torre.platform.query.SqlFragment;

/**
 * The contact models' features, computed in SQL for a set of observations {@code obs(id, contact_id, as_of)} (one
 * contact may be observed at several times, each observation with its own id): each piece yields rows
 * {@code (id, feature, value)} for the features that are present (absent ones are 0).
 * Values are numbers; categories become one-hot names such as {@code source = referral}.
 *
 * <p>Every piece reads only what happened before {@code o.as_of} (no label leakage): interactions, paid orders and
 * their recency, won and lost deals (closed before), tickets open at that time, CSAT and NPS answers given before.
 */
final class Features {

    /** Addresses people use privately; a business address says more about buying intent. */
    static final String[] PERSONAL_DOMAINS = { "gmail.com", "googlemail.com", "hotmail.com", "outlook.com", "live.com",
            "yahoo.com", "yahoo.es", "icloud.com", "me.com", "aol.com", "gmx.com", "proton.me", "protonmail.com" };

    /** How far back behaviour counts, from each observation's as_of. */
    static final int BEHAVIOUR_DAYS = 90;

    /** What each feature of {@link #pieces} is computed from, in the access policy's terms (kept beside the SQL). */
    static final List<FeatureSource> SOURCES = List.of(
            FeatureSource.field("source = ", "contact", "source"),
            FeatureSource.field("email = personal", "contact", "email"),
            FeatureSource.field("company.tier = ", "company", "tier"),
            FeatureSource.field("company.size = ", "company", "sizeBand"),
            FeatureSource.field("company.industry = ", "company", "industry"),
            FeatureSource.records("interactions: ", "interaction"),
            FeatureSource.field("visits: /", "interaction", "pageUrl"),
            FeatureSource.records("interactions in the last 7 days", "interaction"),
            FeatureSource.field("average sentiment", "interaction", "sentiment"),
            FeatureSource.field("paid orders", "order", "status"),
            FeatureSource.field("order recency", "order", "status"),
            FeatureSource.field("order recency", "order", "placedAt"),
            FeatureSource.records("deals ", "deal"),
            FeatureSource.records("open tickets", "ticket"),
            FeatureSource.field("average CSAT", "ticket", "csatScore"),
            // NPS answers follow the access to tickets
            FeatureSource.records("average NPS", "ticket"));

    private Features() {
    }

    /** One statement part: {@code select contact_id, feature, value ...} pieces joined by UNION ALL. */
    static SqlFragment pieces(String tenant) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(SqlFragment.of("""
                select o.id, 'source = ' || lower(c.utm_source), 1.0::float8
                from obs o join contact c on c.tenant_id = ? and c.id = o.contact_id
                where c.utm_source is not null and c.utm_source <> ''
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.id, 'email = personal', 1.0::float8
                from obs o join contact c on c.tenant_id = ? and c.id = o.contact_id
                where split_part(c.email, '@', 2) = any(?)
                """, tenant, PERSONAL_DOMAINS));
        parts.add(SqlFragment.of("""
                select o.id, v.feature, 1.0::float8
                from obs o join contact c on c.tenant_id = ? and c.id = o.contact_id
                join company co on co.tenant_id = c.tenant_id and co.id = c.company_id
                cross join lateral (values ('company.tier = ' || co.tier), ('company.size = ' || co.size_band),
                                           ('company.industry = ' || lower(co.industry))) as v(feature)
                where v.feature is not null
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.id, 'interactions: ' || i.type, ln(1 + count(*))::float8
                from obs o join interaction i on i.tenant_id = ? and i.contact_id = o.contact_id
                where i.archived_at is null and i.occurred_at < o.as_of
                  and i.occurred_at >= o.as_of - make_interval(days => ?)
                group by o.id, i.type
                """, tenant, BEHAVIOUR_DAYS));
        // the first path segment of visited pages, e.g. "visits: /pricing" (no '?' here: it is the bind marker)
        parts.add(SqlFragment.of("""
                select o.id, 'visits: /' || lower(v.segment), ln(1 + count(*))::float8
                from obs o join interaction i on i.tenant_id = ? and i.contact_id = o.contact_id
                cross join lateral (select split_part(split_part(split_part(
                    regexp_replace(i.page_url, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*', ''), chr(63), 1), '#', 1), '/', 2)) as v(segment)
                where i.archived_at is null and i.page_url is not null and v.segment <> ''
                  and i.occurred_at < o.as_of and i.occurred_at >= o.as_of - make_interval(days => ?)
                group by o.id, v.segment
                """, tenant, BEHAVIOUR_DAYS));
        parts.add(SqlFragment.of("""
                select o.id, 'interactions in the last 7 days', ln(1 + count(*))::float8
                from obs o join interaction i on i.tenant_id = ? and i.contact_id = o.contact_id
                where i.archived_at is null and i.occurred_at < o.as_of and i.occurred_at >= o.as_of - interval '7 days'
                group by o.id
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.id, 'average sentiment', avg(i.sentiment)::float8
                from obs o join interaction i on i.tenant_id = ? and i.contact_id = o.contact_id
                where i.archived_at is null and i.sentiment is not null and i.occurred_at < o.as_of
                  and i.occurred_at >= o.as_of - make_interval(days => ?)
                group by o.id
                """, tenant, BEHAVIOUR_DAYS));
        parts.add(SqlFragment.of("""
                select o.id, v.feature, v.value
                from obs o
                cross join lateral (select count(*) as n, max(so.placed_at) as last_at from sales_order so
                                    where so.tenant_id = ? and so.contact_id = o.contact_id and so.archived_at is null
                                      and so.status in ('paid', 'fulfilled') and so.placed_at < o.as_of) p
                cross join lateral (values ('paid orders', ln(1 + p.n)::float8),
                    ('order recency', exp(-extract(epoch from o.as_of - p.last_at) / 86400.0 / ?)::float8)) as v(feature, value)
                where p.n > 0
                """, tenant, BEHAVIOUR_DAYS));
        parts.add(SqlFragment.of("""
                select o.id, 'deals ' || s.kind, ln(1 + count(distinct d.id))::float8
                from obs o
                join (select contact_id, id as deal_id from deal where tenant_id = ? and contact_id is not null
                      union select contact_id, deal_id from deal_contact where tenant_id = ?) cd on cd.contact_id = o.contact_id
                join deal d on d.tenant_id = ? and d.id = cd.deal_id and d.archived_at is null and d.closed_at < o.as_of
                join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id and s.kind in ('won', 'lost')
                group by o.id, s.kind
                """, tenant, tenant, tenant));
        parts.add(SqlFragment.of("""
                select o.id, 'open tickets', ln(1 + count(*))::float8
                from obs o join ticket t on t.tenant_id = ? and t.contact_id = o.contact_id
                where t.archived_at is null and t.opened_at < o.as_of
                  and coalesce(t.resolved_at, t.closed_at, 'infinity') >= o.as_of
                group by o.id
                """, tenant));
        // centred on the neutral answer, so that "no answer" (0) sits in the middle
        parts.add(SqlFragment.of("""
                select o.id, 'average CSAT', (avg(t.csat_score) - 3)::float8
                from obs o join ticket t on t.tenant_id = ? and t.contact_id = o.contact_id
                where t.archived_at is null and t.csat_score is not null and t.csat_at < o.as_of
                group by o.id
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.id, 'average NPS', ((avg(n.score) - 7) / 3)::float8
                from obs o join nps_response n on n.tenant_id = ? and n.contact_id = o.contact_id
                where n.archived_at is null and n.responded_at < o.as_of
                group by o.id
                """, tenant));
        return unionAll(parts);
    }

    /**
     * {@code (contact_id, converted_at)}: when each contact first became a customer, whichever came first of the
     * lifecycle stage moving to customer or evangelist (from the event log), a paid order, or a won deal it is on.
     */
    static SqlFragment conversions(String tenant) {
        return SqlFragment.of("""
                select contact_id, min(at) as converted_at from (
                  select e.entity_id as contact_id, e.occurred_at as at
                  from event_log e
                  where e.tenant_id = ? and e.entity_type = 'contact' and e.type = 'contact.updated'
                    and e.payload -> 'changes' -> 'lifecycleStage' ->> 'after' in ('customer', 'evangelist')
                  union all
                  select so.contact_id, so.placed_at from sales_order so
                  where so.tenant_id = ? and so.status in ('paid', 'fulfilled') and so.archived_at is null
                  union all
                  select x.contact_id, d.closed_at
                  from deal d join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id
                  cross join lateral (select d.contact_id
                                      union select dc.contact_id from deal_contact dc
                                      where dc.tenant_id = d.tenant_id and dc.deal_id = d.id) x
                  where d.tenant_id = ? and s.kind = 'won' and d.closed_at is not null and d.archived_at is null
                    and x.contact_id is not null
                ) conversions
                group by contact_id
                """, tenant, tenant, tenant);
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
