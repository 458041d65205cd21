package dev.torre.merge;

import java.util.Map;
import java.util.Set;

import dev.torre.platform.feed.EventView;

/**
 * Which events can change a record's duplicate pairs: every event but an update that leaves the fields pairs are
 * found and scored by untouched. Most updates (a stage, a tag, a property) are of that kind, and the duplicate worker
 * skips them instead of searching again.
 */
final class LookAlikeChanges {

    /** The fields the pairs of each kind are found and scored by, as update events name them. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "contact", Set.of("firstName", "lastName", "email", "phone", "companyId"),
            "company", Set.of("name", "domain"));

    private LookAlikeChanges() {
    }

    static boolean matter(EventView event) {
        if (!event.type().endsWith(".updated") || event.payload() == null
                || !(event.payload().get("changes") instanceof Map<?, ?> changes)) {
            return true;
        }
        Set<String> fields = FIELDS.getOrDefault(event.entityType(), Set.of());
        return changes.keySet().stream().anyMatch(fields::contains);
    }
}
