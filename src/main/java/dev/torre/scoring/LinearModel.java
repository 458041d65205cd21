package dev.torre.scoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import dev.torre.platform.query.SqlFragment;

/** A ready model as scoring uses it: logit = intercept + Σ coefficient × (value − mean) / sd. */
record LinearModel(String kind, int version, double intercept, List<Feature> features) {

    record Feature(String name, double mean, double sd, double coefficient) {
    }

    /** The tenant's latest ready model of a kind, if any. */
    static Optional<LinearModel> latestReady(EntityManager em, String kind) {
        return em.createQuery("from ScoringModel where kind = ?1 and status = 'ready' order by modelVersion desc",
                ScoringModel.class).setParameter(1, kind).setMaxResults(1).getResultStream().findFirst().map(LinearModel::of);
    }

    static LinearModel of(ScoringModel m) {
        List<Feature> features = m.features.stream().map(f -> new Feature((String) f.get("name"), number(f, "mean"),
                number(f, "sd"), number(f, "coefficient"))).toList();
        return new LinearModel(m.kind, m.modelVersion, m.intercept, features);
    }

    private static double number(Map<String, Object> f, String key) {
        return ((Number) f.get(key)).doubleValue();
    }

    String[] names() {
        return features.stream().map(Feature::name).toArray(String[]::new);
    }

    Double[] column(java.util.function.ToDoubleFunction<Feature> part) {
        return features.stream().map(f -> part.applyAsDouble(f)).toArray(Double[]::new);
    }

    String label() {
        return kind + " v" + version;
    }

    /**
     * Two CTEs over {@code obs(id, ...)} and its features {@code feat(id, feature, value)}: the model's features
     * {@code mf}, and {@code logit(id, name, part)}, each model feature's part coefficient × standardised value per
     * observation. An absent feature counts as 0 and is named "(absent)", so that its part still explains itself.
     */
    SqlFragment logitParts() {
        return SqlFragment.of("""
                mf(feature, mean, sd, coef) as (
                  select * from unnest(cast(? as text[]), cast(? as float8[]), cast(? as float8[]), cast(? as float8[]))
                ),
                logit(id, name, part) as (
                  select o.id, case when f.value is null then mf.feature || ' (absent)' else mf.feature end,
                         mf.coef * (coalesce(f.value, 0) - mf.mean) / mf.sd
                  from obs o cross join mf left join feat f on f.id = o.id and f.feature = mf.feature
                ),
                """, names(), column(Feature::mean), column(Feature::sd), column(Feature::coefficient));
    }
}
