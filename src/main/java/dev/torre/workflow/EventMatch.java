package dev.torre.workflow;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * Whether an event's payload has the values a wait or goal asks for: each named field equal (or one of a list), looked up at the top of
 * the payload, in its {@code data} (a created record) or as the {@code after} of its {@code changes} (an update).
 */
final class EventMatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventMatch() {
    }

    static boolean matches(String payloadJson, JsonNode match) {
        try {
            return matches(JSON.readTree(payloadJson), match);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static boolean matches(JsonNode payload, JsonNode match) {
        if (match == null || match.isMissingNode() || match.isNull()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = match.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> want = it.next();
            JsonNode got = payload.has(want.getKey()) ? payload.get(want.getKey())
                    : payload.path("data").has(want.getKey()) ? payload.path("data").get(want.getKey())
                            : payload.path("changes").path(want.getKey()).path("after");
            if (got.isMissingNode() || !accepts(want.getValue(), got.asText())) {
                return false;
            }
        }
        return true;
    }

    /** A wanted value is one value, or a list of which any will do ({@code "status": ["opened", "clicked"]}). */
    private static boolean accepts(JsonNode want, String got) {
        if (want.isArray()) {
            for (JsonNode one : want) {
                if (one.asText().equals(got)) {
                    return true;
                }
            }
            return false;
        }
        return want.asText().equals(got);
    }
}
