package dev.torre.scoring;

import java.util.List;

/**
 * What a model feature is computed from: the features whose names start with {@code prefix} read {@code field} of
 * {@code type} (a type of the access policy), or the type's records as a whole when the field is null, or nothing
 * the policy guards when the type is null too. A feature may have several sources (several entries share a prefix).
 * Derived values — prediction factors, score explanations, model coefficients — are shown to a caller only when it
 * may see every source ({@link DerivedValues}).
 */
record FeatureSource(String prefix, String type, String field) {

    /** Features read from one field of a type's records, e.g. {@code amount (log)} from {@code deal.amount}. */
    static FeatureSource field(String prefix, String type, String field) {
        return new FeatureSource(prefix, type, field);
    }

    /** Features that count or summarise a type's records without a guarded field, e.g. {@code open tickets}. */
    static FeatureSource records(String prefix, String type) {
        return new FeatureSource(prefix, type, null);
    }

    /** Features computed from nothing the access policy guards, e.g. a model's baseline. */
    static FeatureSource unguarded(String prefix) {
        return new FeatureSource(prefix, null, null);
    }

    boolean covers(String feature) {
        return feature.startsWith(prefix);
    }

    /** Whether some source of the list names the feature: a feature none names has an unknown origin. */
    static boolean known(List<FeatureSource> sources, String feature) {
        return sources.stream().anyMatch(s -> s.covers(feature));
    }
}
