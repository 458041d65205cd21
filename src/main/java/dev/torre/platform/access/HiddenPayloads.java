package dev.torre.platform.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Leaves out of a free-form document about a record — an event payload, an export — every
 * field of that record the caller may not see, wherever it sits: a key naming a hidden field
 * at any depth ({@code lostReason}, {@code data.source}), a path under a hidden parent
 * ({@code source.utmCampaign}, {@code properties.plan} when {@code properties} is hidden), and
 * a custom property the caller may not read ({@code properties.taxId} or
 * {@code properties: {taxId: ...}}). Payloads have no schema, so it errs on the side of hiding:
 * a key that merely shares a hidden field's name is left out too.
 */
@ApplicationScoped
public class HiddenPayloads {

    private static final String PROPERTIES = "properties";

    @Inject
    AccessPolicies access;

    @Inject
    PropertyAccess properties;

    /** The payload as the caller may see it: the same object when nothing is hidden, else a filtered copy. */
    public Map<String, Object> visible(String type, Map<String, Object> payload) {
        Set<String> hidden = access.hiddenFields(type);
        Set<String> hiddenProperties = access.type(type).isPresent() && !hidden.contains(PROPERTIES)
                ? properties.unreadableNames(type) : Set.of();
        if (payload == null || (hidden.isEmpty() && hiddenProperties.isEmpty())) {
            return payload;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) strip(payload, new Rules(hidden, hiddenProperties));
        return out;
    }

    private static Object strip(Object node, Rules rules) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (rules.hides(key)) {
                    return;
                }
                out.put(key, PROPERTIES.equals(key) && v instanceof Map<?, ?> custom ? rules.customVisible(custom) : strip(v, rules));
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(strip(item, rules)));
            return out;
        }
        return node;
    }

    /** The caller's hidden fields of one type and the custom properties it may not read. */
    private record Rules(Set<String> fields, Set<String> customProperties) {

        /** A key is hidden when its first path segment is a hidden field, or it is the path of an unreadable custom property. */
        boolean hides(String key) {
            int dot = key.indexOf('.');
            String head = dot < 0 ? key : key.substring(0, dot);
            return fields.contains(head) || (dot > 0 && PROPERTIES.equals(head) && customProperties.contains(key.substring(dot + 1)));
        }

        /** Custom properties are their own namespace: only unreadable ones are left out, by name. */
        Map<String, Object> customVisible(Map<?, ?> custom) {
            Map<String, Object> out = new LinkedHashMap<>();
            custom.forEach((k, v) -> {
                if (!customProperties.contains(String.valueOf(k))) {
                    out.put(String.valueOf(k), v);
                }
            });
            return out;
        }
    }
}
