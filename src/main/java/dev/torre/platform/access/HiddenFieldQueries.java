package dev.torre.platform.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.FieldGuard;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.Filter;
import dev.torre.platform.query.SortSpec;

/**
 * Refuses lists and searches that filter or sort on a field the caller may not see: the rows a filter keeps, and
 * the order a sort gives them, would otherwise reveal the hidden value. It judges what the query layer parsed —
 * the sort's fields and each path of the filter tree resolved against the registry — never the text the caller
 * wrote, so no spelling (case, spaces, a field under a hidden parent) reads a hidden field unnoticed.
 */
@ApplicationScoped
public class HiddenFieldQueries implements FieldGuard {

    @Inject
    AccessPolicies access;

    @Inject
    PropertyAccess properties;

    @Inject
    Instance<DerivedInputs> derived;

    /**
     * @param filters the parsed filters of the request (text and tree alike)
     * @param sort    the parsed sort
     * @param text    whether the request searches free text
     */
    @Override
    public void check(FieldRegistry<?> registry, List<Filter> filters, SortSpec<?> sort, boolean text) {
        String typeName = registry.entity();
        checkDerived(registry, filters, sort);
        Set<String> hidden = access.hiddenFields(typeName);
        Set<String> sensitive = properties.sensitiveNames(typeName);
        if (hidden.isEmpty() && sensitive.isEmpty()) {
            return;
        }
        for (Filter filter : filters) {
            for (String path : Filter.paths(filter)) {
                FieldRegistry.Reads reads = registry.reads(path).orElse(null);
                if (reads == null) {
                    continue; // names nothing: the compiler refuses it as an unknown field
                }
                if (isHidden(reads.field(), hidden)) {
                    throw refused("filter", "You may not filter on '" + path + "': the field is hidden from your role");
                }
                if (reads.property() != null && sensitive.contains(reads.property())) {
                    throw new TorreException(ErrorCode.INVALID_QUERY, "'" + path + "' is a sensitive property and cannot be filtered on",
                            List.of(new FieldError("filter", "sensitive_field", "Sensitive properties are encrypted and not filterable")));
                }
            }
        }
        for (SortSpec.Key<?> key : sort == null ? List.<SortSpec.Key<?>>of() : sort.keys()) {
            String field = registry.reads(key.field().name()).orElseThrow().field();
            if (isHidden(field, hidden)) {
                throw refused("sort", "You may not sort on '" + key.field().name() + "': the field is hidden from your role");
            }
        }
        if (text) {
            // the search document holds the text of these fields: a match would reveal a hidden one
            for (String field : registry.searchFields()) {
                if (isHidden(field, hidden)) {
                    throw refused("q", "You may not search by text on '" + field + "': it covers that field, hidden from"
                            + " your role; filter on visible fields instead");
                }
            }
        }
    }

    /**
     * Refuses a filter or sort on a derived field one of whose inputs the caller may not see (a hidden field, or a type
     * it may not read): the order of the scores would give the input away. Asked only for the fields the query names.
     */
    private void checkDerived(FieldRegistry<?> registry, List<Filter> filters, SortSpec<?> sort) {
        Map<String, String> named = new LinkedHashMap<>();
        for (Filter filter : filters) {
            for (String path : Filter.paths(filter)) {
                registry.reads(path).ifPresent(r -> named.putIfAbsent(r.field(), "filter"));
            }
        }
        for (SortSpec.Key<?> key : sort == null ? List.<SortSpec.Key<?>>of() : sort.keys()) {
            named.putIfAbsent(registry.reads(key.field().name()).orElseThrow().field(), "sort");
        }
        for (Map.Entry<String, String> field : named.entrySet()) {
            for (DerivedInputs source : derived) {
                for (DerivedInputs.Input input : source.inputs(registry.entity(), field.getKey()).orElse(List.of())) {
                    boolean unseen = input.type() != null && (access.unreadableTypes().contains(input.type())
                            || input.field() != null && isHidden(input.field(), access.hiddenFields(input.type())));
                    if (unseen) {
                        String what = input.field() == null ? input.type() + " records" : "'" + input.type() + "." + input.field() + "'";
                        throw new TorreException(ErrorCode.INVALID_QUERY, "You may not " + field.getValue() + " by '" + field.getKey()
                                + "': it is computed from " + what + ", which is hidden from your role",
                                List.of(new FieldError(field.getValue(), "derived_from_hidden_field",
                                        "Computed from " + what + ", hidden from your role")));
                    }
                }
            }
        }
    }

    private static boolean isHidden(String field, Set<String> hidden) {
        return hidden.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT)));
    }

    private static TorreException refused(String parameter, String message) {
        return new TorreException(ErrorCode.INVALID_QUERY, message,
                List.of(new FieldError(parameter, "hidden_field", "Hidden from your role")));
    }
}
