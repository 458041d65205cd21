package dev.torre.relay;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.torre.platform.feed.EventView;

/**
 * An event of the log as a CloudEvents 1.0 event in structured JSON mode (the whole event is the Kafka record's
 * value, content type {@code application/cloudevents+json}). Torre's own attributes are CloudEvents extensions,
 * lower-case letters only as the specification asks.
 */
final class CloudEvents {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private CloudEvents() {
    }

    static Map<String, Object> of(String sourcePrefix, String tenant, EventView event) {
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", event.id());
        ce.put("source", sourcePrefix + tenant);
        ce.put("type", "dev.torre." + event.type());
        ce.put("subject", event.entityType() + "/" + event.entityId());
        ce.put("time", event.occurredAt().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("torretenant", tenant);
        ce.put("torreentitytype", event.entityType());
        ce.put("torreentityid", event.entityId());
        if (event.actor() != null) {
            ce.put("torreactor", event.actor());
        }
        if (event.requestId() != null) {
            ce.put("torrerequestid", event.requestId());
        }
        ce.put("data", event.payload());
        return ce;
    }

    /** The record key: events of one record stay in one partition, in order. */
    static String key(String tenant, EventView event) {
        return tenant + ":" + event.entityId();
    }
}
