package dev.torre.workflow;

import dev.torre.platform.time.ServerClock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.FieldGuard;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.Filter;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.FilterParser;
import dev.torre.platform.query.SortSpec;

/** Checks a condition in the list filter grammar against a record type's fields, as lists and segments do. */
@ApplicationScoped
class Conditions {

    @Inject
    ServerClock clock;

    @Inject
    RecordTypes types;

    @Inject
    FieldGuard hiddenFields;

    /** Refuses bad syntax, an unknown field, a value of the wrong type or a field hidden from the caller, naming the pointer. */
    void check(String pointer, String typeName, String condition) {
        FieldRegistry<?> fields = types.fields(typeName);
        try {
            FilterCompiler.compile(condition, fields, clock.now());
            hiddenFields.check(fields, List.of(FilterParser.parse(condition)), SortSpec.parse(null, fields, null), false);
        } catch (TorreException e) {
            String why = e.errors().isEmpty() ? e.getMessage() : e.errors().getFirst().message();
            throw Invalid.at(pointer, "invalid_condition", why);
        }
    }

    /** The field names a condition reads (the first part of each path). */
    static Set<String> fieldsOf(String condition) {
        Set<String> names = new LinkedHashSet<>();
        collect(FilterParser.parse(condition), names);
        return names;
    }

    private static void collect(Filter f, Set<String> names) {
        switch (f) {
            case Filter.And a -> {
                collect(a.left(), names);
                collect(a.right(), names);
            }
            case Filter.Or o -> {
                collect(o.left(), names);
                collect(o.right(), names);
            }
            case Filter.Not n -> collect(n.inner(), names);
            case Filter.Compare c -> names.add(c.path());
            case Filter.Present p -> names.add(p.path());
            default -> {
            }
        }
    }
}
