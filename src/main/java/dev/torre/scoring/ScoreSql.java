package dev.torre.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.torre.platform.query.SqlFragment;

/**
 * Builds the one statement that scores a set of contacts: a factor row per rule that holds (and per model feature),
 * summed and ranked per contact, upserted into {@code contact_score}; it answers the contacts whose value or
 * notified value moved, with what they were.
 */
final class ScoreSql {

    private ScoreSql() {
    }

    /**
     * The factor rows {@code (contact_id, name, points, decays)} of every active rule for the target contacts, in
     * two reads whatever the number of rules: one pass over the contacts (and their companies) for the attribute
     * rules, one over their interactions in the widest window for the behaviour rules, each rule a column of it.
     */
    static List<SqlFragment> rules(List<ScoringRule> rules, String tenant, Instant now) {
        List<ScoringRule> attributes = rules.stream().filter(r -> "attribute".equals(r.kind)).toList();
        List<ScoringRule> behaviours = rules.stream().filter(r -> !"attribute".equals(r.kind)).toList();
        List<SqlFragment> out = new ArrayList<>();
        if (!attributes.isEmpty()) {
            out.add(attributes(attributes, tenant, now));
        }
        if (!behaviours.isEmpty()) {
            out.add(behaviours(behaviours, tenant, now));
        }
        return out;
    }

    /**
     * One row per contact and attribute rule whose condition holds (a condition that is null does not hold), the
     * contacts read one by one by primary key, for the reason given at {@link #behaviours}.
     */
    private static SqlFragment attributes(List<ScoringRule> rules, String tenant, Instant now) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(SqlFragment.of("""
                select c.id, v.name, v.points, false
                from target t
                cross join lateral (select c.* from contact c where c.tenant_id = ? and c.id = t.id offset 0) c
                left join company co on co.tenant_id = c.tenant_id and co.id = c.company_id
                cross join lateral (values """, tenant));
        for (int k = 0; k < rules.size(); k++) {
            ScoringRule rule = rules.get(k);
            parts.add(SqlFragment.of((k == 0 ? "" : ",\n    ") + "(cast(? as text), cast(? as float8), (", rule.name,
                    rule.points.doubleValue()));
            parts.add(RuleConditions.condition(rule.condition, now));
            parts.add(SqlFragment.of("))"));
        }
        parts.add(SqlFragment.of("""
                ) as v(name, points, holds)
                where v.holds
                """));
        return Features.concat(parts.toArray(SqlFragment[]::new));
    }

    /**
     * One row per contact and behaviour rule with at least its minimum of matching interactions in its window: the
     * points halve every half-life since the latest of them. Each rule counts and dates its own matches with
     * aggregate filters over one read of the contact's interactions in the widest window, read contact by contact
     * through the contact's index: right after an import the planner's statistics still describe the tables as
     * they were, and a join it plans from them compared every interaction with every target (seconds a batch).
     */
    private static SqlFragment behaviours(List<ScoringRule> rules, String tenant, Instant now) {
        int widest = rules.stream().mapToInt(r -> r.windowDays).max().orElseThrow();
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(SqlFragment.of("select b.contact_id, v.name, v.points, true\nfrom target t cross join lateral (select t.id as contact_id"));
        for (int k = 0; k < rules.size(); k++) {
            ScoringRule rule = rules.get(k);
            SqlFragment matches = Features.concat(SqlFragment.of("""
                    i.type = ? and i.occurred_at > cast(? as timestamptz) - make_interval(days => ?) and (""",
                    rule.interactionType, now, rule.windowDays), RuleConditions.match(rule.match, now), SqlFragment.of(")"));
            parts.add(Features.concat(SqlFragment.of(",\n    count(*) filter (where "), matches,
                    SqlFragment.of(") as n%d,\n    max(i.occurred_at) filter (where ".formatted(k)), matches,
                    SqlFragment.of(") as last%d".formatted(k))));
        }
        parts.add(SqlFragment.of("""

                  from interaction i
                  where i.tenant_id = ? and i.contact_id = t.id and i.archived_at is null
                    and i.occurred_at <= cast(? as timestamptz)
                    and i.occurred_at > cast(? as timestamptz) - make_interval(days => ?)) b
                cross join lateral (values """, tenant, now, now, widest));
        for (int k = 0; k < rules.size(); k++) {
            ScoringRule rule = rules.get(k);
            // the same expression as a rule's own statement computed, so the points are the same to the last bit
            SqlFragment decay = rule.halfLifeDays == null ? SqlFragment.of("1.0")
                    : SqlFragment.of("power(0.5, extract(epoch from (cast(? as timestamptz) - b.last%d)) / (? * 86400.0))"
                            .formatted(k), now, rule.halfLifeDays.doubleValue());
            parts.add(Features.concat(SqlFragment.of((k == 0 ? "" : ",\n    ") + "(cast(? as text), cast(? as float8) * ",
                    rule.name, rule.points.doubleValue()), decay,
                    SqlFragment.of(", b.n%d > 0 and b.n%d >= ?)".formatted(k, k), rule.minCount == null ? 1 : rule.minCount)));
        }
        parts.add(SqlFragment.of(") as v(name, points, holds)\nwhere v.holds\n"));
        return Features.concat(parts.toArray(SqlFragment[]::new));
    }

    static SqlFragment statement(String tenant, UUID[] ids, Instant now, List<SqlFragment> ruleFactors,
            Optional<LinearModel> model, double weight, int step, long rulesVersion, int topFactors) {
        // given ids: each looked up by the primary key. The fence (offset 0) keeps the planner from turning the
        // lookups into a scan of the tenant's contacts, and testing archived_at outside it keeps the partial indexes
        // (archived_at is null) out of the lookup: stale statistics after an import make every index of the tenant
        // look as cheap, and one whose id is its last column is read from the tenant's first entry for each id.
        SqlFragment target = ids == null
                ? SqlFragment.of("select c.id from contact c where c.tenant_id = ? and c.archived_at is null", tenant)
                : SqlFragment.of("""
                        select u.id from (select distinct id from unnest(cast(? as uuid[])) as given(id)) u
                        cross join lateral (select c.archived_at from contact c
                                            where c.tenant_id = ? and c.id = u.id offset 0) c
                        where c.archived_at is null""",
                        ids, tenant);
        SqlFragment rules = ruleFactors.isEmpty()
                ? SqlFragment.of("select null::uuid, null::text, 0::float8, false where false\n")
                : Features.unionAll(ruleFactors);
        SqlFragment modelParts = model.map(m -> modelParts(m, tenant, now, weight)).orElse(SqlFragment.EMPTY);
        SqlFragment modelUnion = model.isPresent()
                ? SqlFragment.of("union all select contact_id, name, 'model', points, false from model_factor\n")
                : SqlFragment.EMPTY;
        String probability = model.isPresent() ? "p.p" : "null::float8";
        String predJoin = model.isPresent() ? "left join pred p on p.contact_id = a.contact_id" : "";
        String modelVersion = model.map(m -> Integer.toString(m.version())).orElse("null::integer");
        return Features.concat(
                SqlFragment.of("with target as ("), target, SqlFragment.of("),\nrule_factor(contact_id, name, points, decays) as (\n"),
                rules, SqlFragment.of("),\n"),
                modelParts,
                SqlFragment.of("""
                        factor(contact_id, name, kind, points, decays) as (
                          select contact_id, name, 'rule', points * ?, decays from rule_factor
                        """, 1 - weight),
                modelUnion,
                SqlFragment.of("""
                        ),
                        ranked as (
                          select f.*, row_number() over (partition by contact_id order by abs(points) desc, name) as rank
                          from factor f where points <> 0
                        ),
                        agg as (
                          select t.id as contact_id,
                                 coalesce(sum(r.points order by r.rank) filter (where r.kind = 'rule'), 0) as rule_points,
                                 coalesce(sum(r.points order by r.rank), 0) as total,
                                 coalesce(bool_or(r.decays), false) as decays,
                                 coalesce(jsonb_agg(jsonb_build_object('name', r.name, 'kind', r.kind,
                                          'contribution', round(r.points::numeric, 2)) order by r.rank)
                                          filter (where r.rank <= ?), '[]'::jsonb)
                                 || case when count(r.rank) filter (where r.rank > ?) > 0
                                    then jsonb_build_array(jsonb_build_object('name', 'other factors', 'kind', 'other',
                                         'contribution', round((sum(r.points order by r.rank) filter (where r.rank > ?))::numeric, 2)))
                                    else '[]'::jsonb end as factors
                          from target t left join ranked r on r.contact_id = t.id
                          group by t.id
                        ),
                        """, topFactors, topFactors, topFactors),
                SqlFragment.of("""
                        scored as (
                          select a.contact_id, a.rule_points, a.decays, a.factors,
                                 greatest(0, least(100, round(a.total)))::int as value,
                                 %s as probability,
                                 old.value::int as previous, coalesce(old.notified_value, 0)::int as notified
                          from agg a %s
                          -- the batch's previous scores, each by primary key (see target)
                          left join lateral (select o.value, o.notified_value from contact_score o
                                             where o.tenant_id = ? and o.contact_id = a.contact_id offset 0) old on true
                        ),
                        noted as (
                          select s.*, case when abs(s.value - s.notified) >= ? then s.value else s.notified end as next_notified
                          from scored s
                        ),
                        saved as (
                          insert into contact_score (tenant_id, contact_id, value, notified_value, rule_points, probability,
                                                     factors, rules_version, model_version, decays, computed_at)
                          select ?, contact_id, value, next_notified, rule_points, probability, factors, ?, %s, decays, ?
                          from noted
                          on conflict (tenant_id, contact_id) do update set value = excluded.value,
                              notified_value = excluded.notified_value, rule_points = excluded.rule_points,
                              probability = excluded.probability, factors = excluded.factors,
                              rules_version = excluded.rules_version, model_version = excluded.model_version,
                              decays = excluded.decays, computed_at = excluded.computed_at
                        )
                        select contact_id, previous, value, notified, next_notified from noted
                        where previous is distinct from value or next_notified <> notified
                        """.formatted(probability, predJoin, modelVersion), tenant, step, tenant, rulesVersion, now));
    }

    /**
     * The model's CTEs: features of every target contact as of now, each model feature's logit part
     * coefficient × standardised value (absent features count as 0), the probability, and factor rows in points
     * that share out weight × 100 × (p − p0) in proportion to the logit parts, plus the baseline weight × 100 × p0.
     */
    private static SqlFragment modelParts(LinearModel m, String tenant, Instant now, double weight) {
        double p0 = 1 / (1 + Math.exp(-m.intercept()));
        return Features.concat(
                SqlFragment.of("obs as (select id, cast(? as timestamptz) as as_of, id as contact_id from target),\n", now),
                SqlFragment.of("feat(id, feature, value) as (\n"), Features.pieces(tenant), SqlFragment.of("),\n"),
                m.logitParts(),
                SqlFragment.of("""
                        pred as (
                          select id as contact_id, sum(part order by name) as total,
                                 1 / (1 + exp(-greatest(-700, least(700, ? + sum(part order by name))))) as p
                          from logit group by id
                        ),
                        model_factor(contact_id, name, points) as (
                          select l.id, l.name,
                                 case when abs(p.total) < 1e-12 then 0 else ? * (p.p - ?) * l.part / p.total end
                          from logit l join pred p on p.contact_id = l.id
                          union all
                          select contact_id, 'model baseline', ? from pred
                        ),
                        """, m.intercept(), weight * 100, p0, weight * 100 * p0));
    }
}
