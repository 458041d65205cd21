package dev.torre.platform.feed;

import java.time.Instant;
import java.util.Map;

/** An event as partners read it from the change feed. */
public record EventView(String id, String type, String entityType, String entityId, String actor,
        String requestId, Instant occurredAt, Map<String, Object> payload) {
}
