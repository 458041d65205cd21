package dev.torre.platform.event;

import java.util.List;

/**
 * Event types a capability writes besides the record operations every kind shares (created, updated, archived,
 * restored): a capability produces one of these as a CDI bean so subscribers can name its types and typos are refused.
 *
 * @param entityType the event's entity type, e.g. {@code deal}
 * @param actions    its actions, e.g. {@code won}, {@code lost}
 */
public record DeclaredEvents(String entityType, List<String> actions) {

    public DeclaredEvents {
        actions = List.copyOf(actions);
    }

    public static DeclaredEvents of(String entityType, String... actions) {
        return new DeclaredEvents(entityType, List.of(actions));
    }
}
