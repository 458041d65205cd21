package dev.torre.platform.feed;

import dev.torre.platform.event.DeclaredEvents;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.torre.platform.persistence.RecordService;

/**
 * Every event type Torre writes: the shared record operations of each kind of record, plus what capabilities
 * declare ({@link DeclaredEvents}). Subscribers name types from here, exactly or as {@code entity.*}.
 */
@ApplicationScoped
public class EventCatalog {

    private static final java.util.List<String> RECORD_ACTIONS = java.util.List.of("created", "updated", "archived", "restored");

    @Inject
    Instance<DeclaredEvents> declared;

    @Inject
    Instance<RecordService<?, ?, ?>> records;

    private final Set<String> types = new TreeSet<>();
    private final Set<String> entityTypes = new TreeSet<>();

    @PostConstruct
    void init() {
        records.forEach(r -> RECORD_ACTIONS.forEach(a -> add(r.recordType().label(), a)));
        declared.forEach(d -> d.actions().forEach(a -> add(d.entityType(), a)));
    }

    private void add(String entityType, String action) {
        types.add(entityType + "." + action);
        entityTypes.add(entityType);
    }

    /** All known types, sorted. */
    public Set<String> types() {
        return Set.copyOf(types);
    }

    /** Whether a type, or a wildcard {@code entity.*}, names at least one known type. */
    public boolean knows(String pattern) {
        if (pattern.endsWith(".*")) {
            return entityTypes.contains(pattern.substring(0, pattern.length() - 2));
        }
        return types.contains(pattern);
    }

    /** Whether an event type matches a pattern: equal, or {@code entity.*} over its entity. */
    public static boolean matches(String pattern, String type) {
        return pattern.endsWith(".*") ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(type);
    }
}
