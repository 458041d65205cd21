package dev.torre.webhook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.torre.platform.feed.EventView;

/**
 * What one round of a pass has already built, per set of owner roles and scopes: each event's view (hidden fields
 * removed) and its envelope's JSON. Subscriptions whose owners see with the same eyes share them, so an event is
 * turned into a message body once per round and set of eyes, not once per subscription; only the signature differs.
 */
final class Envelopes {

    /** The views and bodies built for one set of eyes, by event sequence. */
    record Built(Map<Long, EventView> views, Map<Long, String> bodies) {
    }

    private final Map<String, Built> byEyes = new HashMap<>();

    /** What was built for subscriptions owned with these roles and scopes (null scopes: an unscoped token). */
    Built forEyes(List<String> roles, List<String> scopes) {
        String key = new TreeSet<>(roles) + "|" + (scopes == null ? "*" : new TreeSet<>(scopes).toString());
        return byEyes.computeIfAbsent(key, k -> new Built(new HashMap<>(), new HashMap<>()));
    }

    /** Nothing shared: every read builds its own (a scan outside a pass). */
    static Envelopes none() {
        return new Envelopes();
    }
}
