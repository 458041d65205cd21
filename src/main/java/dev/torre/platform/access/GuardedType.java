package dev.torre.platform.access;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.persistence.DescribedStore.Kind;

/**
 * An object type whose reads, writes and fields the access policy governs. A capability
 * plugs its type in by producing one of these as a CDI bean; nothing else needs to change.
 *
 * @param name        the type's name in the policy and events, e.g. {@code contact}
 * @param scope       the resource part of its scopes, e.g. {@code contacts} for {@code contacts:read}
 * @param graphQLType its GraphQL type, e.g. {@code Contact}
 * @param view        the record the API shows it as
 * @param fields      the top-level fields of that record a policy may hide
 * @param defaults    Torre's default access per role; roles left out may neither read nor write
 */
public record GuardedType(String name, String scope, String graphQLType, Class<?> view, List<String> fields,
        Map<String, Access> defaults) {

    public GuardedType {
        fields = List.copyOf(fields);
        defaults = Map.copyOf(defaults);
    }

    /**
     * Describes a kind of record from what its store already says of it (its name, its scopes, its input) and the
     * view the API shows: a policy may hide every field a client writes that the view shows, except the ones the type
     * keeps visible because they steer the record (a status, a pipeline stage: a reader who cannot see those cannot
     * work with it). So a field added to the input and the view can be hidden without anyone remembering to list it
     * here. The GraphQL type is the view's {@link Type}.
     *
     * @param keptVisible written fields no policy may hide
     * @param alsoHidable shown fields written elsewhere than the input (a survey answer) that a policy may hide
     */
    public static GuardedType of(Kind<?, ?> kind, Class<? extends Record> view, Set<String> keptVisible,
            Set<String> alsoHidable, Map<String, Access> defaults) {
        return of(kind.label(), kind.scopes(), view, kind.inputType(), keptVisible, alsoHidable, defaults);
    }

    static GuardedType of(String name, String scope, Class<? extends Record> view, Class<?> input,
            Set<String> keptVisible, Set<String> alsoHidable, Map<String, Access> defaults) {
        if (!input.isRecord()) {
            throw new IllegalArgumentException(input.getSimpleName() + " is not a record");
        }
        Set<String> written = names(input);
        Set<String> hidable = new LinkedHashSet<>();
        for (String field : names(view)) {
            if (written.contains(field) && !keptVisible.contains(field) || alsoHidable.contains(field)) {
                hidable.add(field);
            }
        }
        Set<String> unknown = new LinkedHashSet<>(keptVisible);
        unknown.addAll(alsoHidable);
        unknown.removeAll(names(view));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(view.getSimpleName() + " shows no field " + unknown);
        }
        Type type = view.getAnnotation(Type.class);
        if (type == null) {
            throw new IllegalArgumentException(view.getSimpleName() + " names no GraphQL type");
        }
        return new GuardedType(name, scope, type.value(), view, List.copyOf(hidable), defaults);
    }

    private static Set<String> names(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
        return names;
    }
}
