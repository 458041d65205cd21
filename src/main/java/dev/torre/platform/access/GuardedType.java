package dev.torre.platform.access;

import java.util.List;
import java.util.Map;

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
}
