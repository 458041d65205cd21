package dev.torre.platform.event;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The fields that differ between two states of a record, each with its value before and
 * after: the payload of an {@code *.updated} event. Nested objects (custom properties,
 * attribution) are compared key by key and reported as {@code properties.plan}.
 */
public final class Changes {

    private Changes() {
    }

    public static Map<String, Object> between(JsonNode before, JsonNode after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        collect("", before, after, changes, 0);
        return changes;
    }

    private static void collect(String prefix, JsonNode before, JsonNode after, Map<String, Object> changes, int depth) {
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode was = before.path(name).isMissingNode() ? NullNode.instance : before.get(name);
            JsonNode now = after.path(name).isMissingNode() ? NullNode.instance : after.get(name);
            if (was.equals(now)) {
                continue;
            }
            if (depth == 0 && (was.isObject() || was.isNull()) && (now.isObject() || now.isNull()) && !(was.isNull() && now.isNull())) {
                collect(prefix + name + ".", was.isNull() ? empty(now) : was, now.isNull() ? empty(was) : now, changes, 1);
            } else {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("before", was);
                change.put("after", now);
                changes.put(prefix + name, change);
            }
        }
    }

    private static JsonNode empty(JsonNode like) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) like).deepCopy().removeAll();
    }
}
