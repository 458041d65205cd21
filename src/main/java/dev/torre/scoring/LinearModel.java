package dev.torre.scoring;

import java.util.List;
import java.util.Map;

/** A ready model as scoring uses it: logit = intercept + Σ coefficient × (value − mean) / sd. */
record LinearModel(String kind, int version, double intercept, List<Feature> features) {

    record Feature(String name, double mean, double sd, double coefficient) {
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
}
