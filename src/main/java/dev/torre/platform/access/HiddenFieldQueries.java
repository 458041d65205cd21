package dev.torre.platform.access;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.Filter;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FilterParser;
import dev.torre.platform.query.ListRequest;

/**
 * Refuses lists and searches that filter or sort on a field the caller may not see: the
 * rows a filter keeps would otherwise reveal the hidden value.
 */
@ApplicationScoped
public class HiddenFieldQueries {

    @Inject
    AccessPolicies access;

    @Inject
    dev.torre.platform.properties.PropertyDefinitions properties;

    public void check(FieldRegistry<?> registry, ListRequest request) {
        String typeName = registry.entity();
        Set<String> hidden = access.hiddenFields(typeName);
        Set<String> sensitive = properties.sensitiveNames(typeName);
        if (hidden.isEmpty() && sensitive.isEmpty()) {
            return;
        }
        List<String> filtered = new ArrayList<>();
        if (request.filter() != null) {
            collect(request.filter(), filtered);
        }
        if (request.filterText() != null && !request.filterText().isBlank()) {
            collect(FilterParser.parse(request.filterText()), filtered);
        }
        refuse("filter", filtered, hidden);
        for (String path : filtered) {
            if (path.regionMatches(true, 0, "properties.", 0, 11) && sensitive.contains(path.substring(11))) {
                throw new TorreException(ErrorCode.INVALID_QUERY, "'" + path + "' is a sensitive property and cannot be filtered on",
                        List.of(new FieldError("filter", "sensitive_field", "Sensitive properties are encrypted and not filterable")));
            }
        }
        if (request.q() != null) {
            // the search document holds the text of these fields: a match would reveal a hidden one
            refuse("search by text", registry.searchFields(), hidden);
        }
        if (request.sort() != null) {
            List<String> sorted = new ArrayList<>();
            for (String part : request.sort().split(",")) {
                sorted.add(part.trim().replaceFirst("^[-+]", ""));
            }
            refuse("sort", sorted, hidden);
        }
    }

    private static void refuse(String parameter, List<String> paths, Set<String> hidden) {
        for (String path : paths) {
            String field = path.split("\\.", 2)[0].toLowerCase(Locale.ROOT);
            if (hidden.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(field))) {
                String name = parameter.startsWith("search") ? "q" : parameter;
                String why = parameter.startsWith("search") ? "': it covers that field, hidden from your role; filter on visible fields instead"
                        : "': the field is hidden from your role";
                throw new TorreException(ErrorCode.INVALID_QUERY, "You may not " + parameter + " on '" + path + why,
                        List.of(new FieldError(name, "hidden_field", "Hidden from your role")));
            }
        }
    }

    private static void collect(Filter root, List<String> paths) {
        Deque<Filter> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            switch (todo.pop()) {
                case Filter.And a -> {
                    todo.push(a.left());
                    todo.push(a.right());
                }
                case Filter.Or o -> {
                    todo.push(o.left());
                    todo.push(o.right());
                }
                case Filter.Not n -> todo.push(n.inner());
                case Filter.Compare c -> paths.add(c.path());
                case Filter.Present p -> paths.add(p.path());
            }
        }
    }
}
