package dev.torre.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.deal.DealService;
import dev.torre.platform.query.SqlFragment;

/**
 * The deal-win model. Examples: closed deals (stage kind won = 1, lost = 0), observed at their creation, oldest
 * first. Features read only the deal as created and what happened before the observation: never its stage, closing
 * time, probability or lost reason. Open deals are predicted as of now into {@code deal_score}, and the probability
 * is copied onto the deal as {@code predictedWinProbability}.
 */
@ApplicationScoped
class DealWin implements Predicted {

    static final String KIND = "deal_win";

    @Inject
    DealService deals;

    private static final Store STORE = new Store(KIND, "deal_score", "deal_id");

    /** What each feature of {@link #pieces} is computed from. */
    static final List<FeatureSource> SOURCES = List.of(
            FeatureSource.field("amount (log)", "deal", "amount"),
            FeatureSource.field("source = ", "deal", "source"),
            FeatureSource.records("pipeline = ", "deal"),
            FeatureSource.field("company.tier = ", "company", "tier"),
            FeatureSource.field("company.size = ", "company", "sizeBand"),
            FeatureSource.records("contact interactions: ", "interaction"),
            FeatureSource.records("contact deals ", "deal"));

    @Override
    public List<FeatureSource> sources() {
        return SOURCES;
    }

    @Override
    public Store store() {
        return STORE;
    }

    @Override
    public SqlFragment observations(String tenant, UUID[] ids, Instant now) {
        return Features.concat(SqlFragment.of("""
                select d.id, cast(? as timestamptz) as as_of
                from deal d join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id
                where d.tenant_id = ? and d.archived_at is null and s.kind = 'open'
                """, now, tenant), ids == null ? SqlFragment.EMPTY : SqlFragment.of(" and d.id = any(?)", (Object) ids));
    }

    @Override
    public TrainingSet trainingSet(EntityManager em, String tenant, ScoringSettings settings, Instant now,
            ScoringConfig.Training t) {
        SqlFragment closed = SqlFragment.of("""
                from deal d join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id
                where d.tenant_id = ? and d.archived_at is null and s.kind in ('won', 'lost')
                """, tenant);
        SqlFragment examples = Features.concat(SqlFragment.of("select d.id, s.kind = 'won'\n"), closed,
                SqlFragment.of("order by d.created_at, d.id"));
        SqlFragment features = Features.concat(SqlFragment.of("with obs as (select d.id, d.created_at as as_of\n"), closed,
                SqlFragment.of(")\nselect id, feature, value from (\n"), pieces(tenant), SqlFragment.of(") f(id, feature, value)"));
        return TrainingSet.build(em, examples, features, 1 - t.holdout(), t.minSupport(), t.maxFeatures());
    }

    @Override
    public SqlFragment pieces(String tenant) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(SqlFragment.of("""
                select o.id, v.feature, v.value
                from obs o join deal d on d.tenant_id = ? and d.id = o.id
                join pipeline p on p.tenant_id = d.tenant_id and p.id = d.pipeline_id
                cross join lateral (values ('amount (log)', ln(1 + d.amount)::float8),
                                           ('source = ' || lower(nullif(d.source, '')), 1.0::float8),
                                           ('pipeline = ' || p.name, 1.0::float8)) as v(feature, value)
                where v.feature is not null and v.value is not null
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.id, v.feature, 1.0::float8
                from obs o join deal d on d.tenant_id = ? and d.id = o.id
                join company co on co.tenant_id = d.tenant_id and co.id = d.company_id
                cross join lateral (values ('company.tier = ' || co.tier), ('company.size = ' || co.size_band)) as v(feature)
                where v.feature is not null
                """, tenant));
        parts.add(SqlFragment.of("""
                select o.id, 'contact interactions: ' || i.type, ln(1 + count(*))::float8
                from obs o join deal d on d.tenant_id = ? and d.id = o.id
                join interaction i on i.tenant_id = d.tenant_id and i.contact_id = d.contact_id
                where i.archived_at is null and i.occurred_at < o.as_of
                  and i.occurred_at >= o.as_of - make_interval(days => ?)
                group by o.id, i.type
                """, tenant, Features.BEHAVIOUR_DAYS));
        parts.add(SqlFragment.of("""
                select o.id, 'contact deals ' || s.kind, ln(1 + count(*))::float8
                from obs o join deal d on d.tenant_id = ? and d.id = o.id
                join deal prior on prior.tenant_id = d.tenant_id and prior.contact_id = d.contact_id and prior.id <> d.id
                join pipeline_stage s on s.tenant_id = prior.tenant_id and s.id = prior.stage_id and s.kind in ('won', 'lost')
                where prior.archived_at is null and prior.closed_at < o.as_of
                group by o.id, s.kind
                """, tenant));
        return Features.unionAll(parts);
    }

    @Override
    public void store(UUID[] ids, BigDecimal[] probabilities) {
        deals.storeWinPredictions(ids, probabilities);
    }
}
