package dev.torre.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.contact.ContactScoreService;
import dev.torre.platform.query.SqlFragment;

/**
 * The churn model: the chance that a customer places no paid order and starts no inbound interaction within the
 * tenant's churn window. Training observes every customer at {@value #SNAPSHOTS} points in time, one churn window
 * apart and each a full window before now (so its label is known), with features as of that point; the newest
 * observations are the holdout. Customers (lifecycle stage customer or evangelist, or with a paid order) are
 * predicted as of now into {@code churn_score}, and the probability is copied onto the contact as {@code churnRisk}.
 */
@ApplicationScoped
class ChurnRisk implements Predicted {

    static final String KIND = "churn";

    /** How many points in time each customer is observed at for training. */
    static final int SNAPSHOTS = 4;

    @Inject
    ContactScoreService contacts;

    private static final Store STORE = new Store(KIND, "churn_score", "contact_id");

    /** What each feature of {@link #pieces} is computed from: the lead features' sources and its own. */
    static final List<FeatureSource> SOURCES = Stream.concat(Features.SOURCES.stream(), Stream.of(
            FeatureSource.records("inbound interactions", "interaction"),
            FeatureSource.records("inbound recency", "interaction"),
            FeatureSource.records("contact age (log days)", "contact"))).toList();

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
                select c.id, cast(? as timestamptz) as as_of, c.id as contact_id
                from contact c
                where c.tenant_id = ? and c.archived_at is null
                  and (c.lifecycle_stage in ('customer', 'evangelist') or c.order_count > 0)
                """, now, tenant), ids == null ? SqlFragment.EMPTY : SqlFragment.of(" and c.id = any(?)", (Object) ids));
    }

    /**
     * {@code (id, contact_id, as_of, label)}: each contact that was a customer at a snapshot time (converted before
     * it, or a customer by stage since its creation when no conversion is on record), labelled churned when it
     * placed no paid order and started no inbound interaction in the window after.
     */
    static SqlFragment snapshots(String tenant, int windowDays, Instant now) {
        return Features.concat(SqlFragment.of("""
                select * from (
                  with converted as materialized (
                """), Features.conversions(tenant), SqlFragment.of("""
                  )
                  select md5(c.id::text || t.as_of::text)::uuid as id, c.id as contact_id, t.as_of,
                         not exists (select 1 from sales_order so
                                     where so.tenant_id = c.tenant_id and so.contact_id = c.id and so.archived_at is null
                                       and so.status in ('paid', 'fulfilled')
                                       and so.placed_at > t.as_of and so.placed_at <= t.as_of + make_interval(days => ?))
                         and not exists (select 1 from interaction i
                                          where i.tenant_id = c.tenant_id and i.contact_id = c.id and i.archived_at is null
                                            and i.direction = 'inbound'
                                            and i.occurred_at > t.as_of and i.occurred_at <= t.as_of + make_interval(days => ?))
                         as label
                  from contact c
                  left join converted v on v.contact_id = c.id
                  cross join lateral (select cast(? as timestamptz) - make_interval(days => ? * k) as as_of
                                      from generate_series(1, ?) k) t
                  where c.tenant_id = ? and c.archived_at is null
                    and coalesce(v.converted_at,
                                 case when c.lifecycle_stage in ('customer', 'evangelist') then c.created_at end) < t.as_of
                ) snapshots
                """, windowDays, windowDays, now, windowDays, SNAPSHOTS, tenant));
    }

    @Override
    public TrainingSet trainingSet(EntityManager em, String tenant, ScoringSettings settings, Instant now,
            ScoringConfig.Training t) {
        SqlFragment snapshots = snapshots(tenant, settings.churnWindowDays, now);
        SqlFragment examples = Features.concat(SqlFragment.of("select id, label from ("), snapshots,
                SqlFragment.of(") x order by as_of, id"));
        SqlFragment features = Features.concat(SqlFragment.of("with obs as (select id, contact_id, as_of from ("), snapshots,
                SqlFragment.of(") x)\nselect id, feature, value from (\n"), pieces(tenant), SqlFragment.of(") f(id, feature, value)"));
        return TrainingSet.build(em, examples, features, 1 - t.holdout(), t.minSupport(), t.maxFeatures());
    }

    /** The lead features, plus how recently and how often the customer reached out, and how long it has been one. */
    @Override
    public SqlFragment pieces(String tenant) {
        return Features.unionAll(List.of(Features.pieces(tenant), SqlFragment.of("""
                select o.id, v.feature, v.value
                from obs o
                cross join lateral (select count(*) as n, max(i.occurred_at) as last_at from interaction i
                                    where i.tenant_id = ? and i.contact_id = o.contact_id and i.archived_at is null
                                      and i.direction = 'inbound' and i.occurred_at < o.as_of) x
                cross join lateral (values ('inbound interactions', ln(1 + x.n)::float8),
                    ('inbound recency', exp(-extract(epoch from o.as_of - x.last_at) / 86400.0 / ?)::float8)) as v(feature, value)
                where x.n > 0
                """, tenant, Features.BEHAVIOUR_DAYS), SqlFragment.of("""
                select o.id, 'contact age (log days)', ln(1 + greatest(0, extract(epoch from o.as_of - c.created_at) / 86400.0))::float8
                from obs o join contact c on c.tenant_id = ? and c.id = o.contact_id
                """, tenant)));
    }

    @Override
    public void store(UUID[] ids, BigDecimal[] probabilities) {
        contacts.storeChurnRisks(ids, probabilities);
    }
}
