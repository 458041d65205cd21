package dev.torre.platform.access;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
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

    /**
     * @param filters the parsed filters of the request (text and tree alike)
     * @param sort    the parsed sort
     * @param text    whether the request searches free text
     */
    @Override
    public void check(FieldRegistry<?> registry, List<Filter> filters, SortSpec<?> sort, boolean text) {
        String typeName = registry.entity();
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

    private static boolean isHidden(String field, Set<String> hidden) {
        return hidden.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT)));
    }

    private static TorreException refused(String parameter, String message) {
        return new TorreException(ErrorCode.INVALID_QUERY, message,
                List.of(new FieldError(parameter, "hidden_field", "Hidden from your role")));
    }
}
