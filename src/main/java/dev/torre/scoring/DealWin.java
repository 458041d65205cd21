package dev.torre.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.torre.platform.query.SqlFragment;

/**
 * The deal-win model's SQL. Examples: closed deals (stage kind won = 1, lost = 0), observed at their creation, oldest
 * first. Features read only the deal as created and what happened before the observation: never its stage, closing
 * time, probability or lost reason. Open deals are scored as of now, set-based, into {@code deal_score}.
 */
final class DealWin {

    static final String KIND = "deal_win";

    /** How many of the largest logit parts a prediction keeps as its factors. */
    static final int TOP_FACTORS = 5;

    private DealWin() {
    }

    /** {@code (deal_id, label)} in creation order. */
    static SqlFragment examples(String tenant) {
        return SqlFragment.of("""
                select d.id, s.kind = 'won'
                from deal d join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id
                where d.tenant_id = ? and d.archived_at is null and s.kind in ('won', 'lost')
                order by d.created_at, d.id
                """, tenant);
    }

    /** {@code (deal_id, feature, value)} of the training examples, each observed at its creation. */
    static SqlFragment trainingFeatures(String tenant) {
        return Features.concat(SqlFragment.of("""
                with obs as (
                  select d.id as deal_id, d.created_at as as_of
                  from deal d join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id
                  where d.tenant_id = ? and d.archived_at is null and s.kind in ('won', 'lost')
                )
                select deal_id, feature, value from (
                """, tenant), pieces(tenant), SqlFragment.of(") f(deal_id, feature, value)"));
    }

    /** Feature rows for the observations {@code obs(deal_id, as_of)}. */
    static SqlFragment pieces(String tenant) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(SqlFragment.of("""
                select o.deal_id, v.feature, v.value
                from obs o join deal d on d.tenant_id = ? and d.id = o.deal_id
                join pipeline p on p.tenant_id = d.tenant_id and p.id = d.pipeline_id
                cross join lateral (values ('amount (log)', ln(1 + d.amount)::float8),
                                           ('source = ' || lower(nullif(d.source, '')), 1.0::float8),
                                           ('pipeline = ' || p.name, 1.0::float8)) as v(feature, value)
                where v.feature is not null and v.value is not null
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.deal_id, v.feature, 1.0::float8
                from obs o join deal d on d.tenant_id = ? and d.id = o.deal_id
                join company co on co.tenant_id = d.tenant_id and co.id = d.company_id
                cross join lateral (values ('company.tier = ' || co.tier), ('company.size = ' || co.size_band)) as v(feature)
                where v.feature is not null
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.deal_id, 'contact interactions: ' || i.type, ln(1 + count(*))::float8
                from obs o join deal d on d.tenant_id = ? and d.id = o.deal_id
                join interaction i on i.tenant_id = d.tenant_id and i.contact_id = d.contact_id
                where i.archived_at is null and i.occurred_at < o.as_of
                  and i.occurred_at >= o.as_of - make_interval(days => ?)
                group by o.deal_id, i.type
                """, tenant, Features.BEHAVIOUR_DAYS));
        parts.add(SqlFragment.of("""
                select o.deal_id, 'contact deals ' || s.kind, ln(1 + count(*))::float8
                from obs o join deal d on d.tenant_id = ? and d.id = o.deal_id
                join deal prior on prior.tenant_id = d.tenant_id and prior.contact_id = d.contact_id and prior.id <> d.id
                join pipeline_stage s on s.tenant_id = prior.tenant_id and s.id = prior.stage_id and s.kind in ('won', 'lost')
                where prior.archived_at is null and prior.closed_at < o.as_of
                group by o.deal_id, s.kind
                """, tenant));
        return Features.unionAll(parts);
    }

    /** Deletes the tenant's predictions; {@link #score} then writes every open deal's. */
    static SqlFragment clear(String tenant) {
        return SqlFragment.of("delete from deal_score where tenant_id = ?", tenant);
    }

    /** Predicts every open deal as of now with the model, with its largest logit parts as factors. */
    static SqlFragment score(String tenant, LinearModel m, Instant now) {
        return Features.concat(SqlFragment.of("""
                with obs as (
                  select d.id as deal_id, cast(? as timestamptz) as as_of
                  from deal d join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id
                  where d.tenant_id = ? and d.archived_at is null and s.kind = 'open'
                ),
                feat(deal_id, feature, value) as (
                """, now, tenant), pieces(tenant), SqlFragment.of("""
                ),
                mf(feature, mean, sd, coef) as (
                  select * from unnest(cast(? as text[]), cast(? as float8[]), cast(? as float8[]), cast(? as float8[]))
                ),
                part as (
                  select o.deal_id, case when f.value is null then mf.feature || ' (absent)' else mf.feature end as name,
                         mf.coef * (coalesce(f.value, 0) - mf.mean) / mf.sd as logit,
                         row_number() over (partition by o.deal_id
                                            order by abs(mf.coef * (coalesce(f.value, 0) - mf.mean) / mf.sd) desc, mf.feature) as rank
                  from obs o cross join mf left join feat f on f.deal_id = o.deal_id and f.feature = mf.feature
                )
                insert into deal_score (tenant_id, deal_id, probability, factors, model_version, computed_at)
                select ?, o.deal_id, 1 / (1 + exp(-greatest(-700, least(700, ? + coalesce(sum(p.logit), 0))))),
                       coalesce(jsonb_agg(jsonb_build_object('name', p.name, 'logit', round(p.logit::numeric, 4))
                                order by p.rank) filter (where p.rank <= ?), '[]'::jsonb),
                       ?, ?
                from obs o left join part p on p.deal_id = o.deal_id
                group by o.deal_id
                """, m.names(), m.column(LinearModel.Feature::mean), m.column(LinearModel.Feature::sd),
                m.column(LinearModel.Feature::coefficient), tenant, m.intercept(), TOP_FACTORS, m.version(), now));
    }
}
