package dev.torre.testing;

import static dev.torre.testing.Api.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One minimal valid record per collection, and a field a merge patch may change on it: the one
 * place a test over every record type finds what to send. A new record collection needs a line
 * here; {@code RecordBehaviourTest} fails for a collection without one.
 */
public final class Samples {

    /**
     * How to make a record of one collection in a tenant (seeding what it refers to) and which
     * field to change with two distinct values.
     */
    public record Sample(Function<String, Map<String, Object>> create, String field, Object first, Object second) {

        public Map<String, Object> body(String tenant) {
            return create.apply(tenant);
        }
    }

    private static final Map<String, Sample> BY_COLLECTION = Map.ofEntries(
            Map.entry("contacts", named(tenant -> Bodies.contact().firstName("Ana").lastName("Ruiz").email(unique() + "@acme.es").build(), "lastName")),
            Map.entry("companies", named(tenant -> Bodies.company().name("Acme Ibérica").build(), "name")),
            Map.entry("deals", named(tenant -> Bodies.deal().name("Acme renewal").amount("1200.00", "EUR").build(), "name")),
            Map.entry("products", named(tenant -> Bodies.product().sku(unique()).name("Red mug").price("9.90", "EUR").build(), "name")),
            Map.entry("orders", new Sample(Samples::order, "status", "paid", "fulfilled")),
            Map.entry("tickets", named(tenant -> Bodies.ticket().subject("Parcel arrived broken").build(), "subject")),
            Map.entry("tasks", named(tenant -> Bodies.task().title("Call Ana").build(), "title")),
            Map.entry("interactions", named(tenant -> Bodies.interaction()
                    .note(Seed.contact(tenant, "Ana", "Ruiz"), "2026-03-02T10:00:00Z").subject("Met Ana").build(), "subject")),
            Map.entry("segments", named(tenant -> Bodies.segment().name("Leads").objectType("contact").filter("lifecycleStage eq \"lead\"").build(), "name")),
            Map.entry("workflows", named(tenant -> Bodies.workflow().name("Welcome").enabled(false)
                    .trigger(Map.of("type", "record_changed", "objectType", "contact", "condition", "leadScore ge 60"))
                    .steps(List.of(Map.of("type", "create_task", "title", "Call {{firstName}}", "due", "P1D"))).build(), "name")),
            Map.entry("teams", named(tenant -> Bodies.team().name("Support").members(List.of("agent-1", "agent-2")).build(), "name")));

    private Samples() {
    }

    /** The sample of a collection ("contacts"); fails, naming the collection, when it has none. */
    public static Sample of(String collection) {
        Sample sample = BY_COLLECTION.get(collection);
        if (sample == null) {
            throw new AssertionError("/v1/" + collection + " has the record endpoints but no sample in testing/Samples");
        }
        return sample;
    }

    public static Set<String> collections() {
        return BY_COLLECTION.keySet();
    }

    private static Sample named(Function<String, Map<String, Object>> create, String field) {
        return new Sample(create, field, "Changed once", "Changed twice");
    }

    /** An order by a new buyer for a product seeded first. */
    private static Map<String, Object> order(String tenant) {
        String sku = unique();
        admin(tenant).body(Bodies.product().sku(sku).name("Mug").price("10.50", "EUR").build())
                .when().post("/v1/products").then().statusCode(201);
        return Bodies.order().email(unique() + "@shop.es").currency("EUR").line(sku, 2).build();
    }

    private static String unique() {
        return "s" + UUID.randomUUID().toString().substring(0, 8);
    }
}
