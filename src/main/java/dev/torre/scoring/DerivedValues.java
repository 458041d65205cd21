package dev.torre.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Arc;

import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.access.GuardedType;

/**
 * Withholds from the caller whatever is derived from what it may not see: a factor, explanation or coefficient of a
 * feature computed from a field hidden from its roles, or from records of a type it may not read, is left out (a
 * share of a prediction's logit, with the model's coefficient, mean and spread, gives the hidden value back). A
 * feature no {@link FeatureSource} accounts for is withheld from every caller with any restriction.
 */
@ApplicationScoped
public class DerivedValues {

    @Inject
    AccessPolicies access;

    /** What the current caller may see, worked out once for a batch of values. */
    Sight sight() {
        if (!Arc.container().requestContext().isActive()) {
            return Sight.ALL; // jobs and exports written for storage: the policy is about callers
        }
        Set<String> unreadable = access.unreadableTypes();
        Map<String, Set<String>> hidden = new HashMap<>();
        boolean restricted = !unreadable.isEmpty();
        for (GuardedType type : access.types()) {
            Set<String> fields = access.hiddenFields(type.name());
            hidden.put(type.name(), fields);
            restricted |= !fields.isEmpty();
        }
        return new Sight(unreadable, hidden, restricted);
    }

    /** The caller's view of derived values. */
    record Sight(Set<String> unreadable, Map<String, Set<String>> hidden, boolean restricted) {

        static final Sight ALL = new Sight(Set.of(), Map.of(), false);

        /** Whether the caller may see a feature of a model whose features come from {@code sources}. */
        boolean sees(List<FeatureSource> sources, String feature) {
            boolean known = false;
            for (FeatureSource source : sources) {
                if (source.covers(feature)) {
                    known = true;
                    if (!sees(source)) {
                        return false;
                    }
                }
            }
            return known || !restricted;
        }

        boolean sees(FeatureSource source) {
            if (source.type() == null) {
                return true;
            }
            if (unreadable.contains(source.type())) {
                return false;
            }
            return source.field() == null || !hidden.getOrDefault(source.type(), Set.of()).contains(source.field());
        }

        /** The items the caller may see, in order. */
        <T> List<T> visible(List<FeatureSource> sources, List<T> items, Function<T, String> feature) {
            return restricted ? items.stream().filter(i -> sees(sources, feature.apply(i))).toList() : items;
        }
    }
}
