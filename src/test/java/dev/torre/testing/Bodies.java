package dev.torre.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed builders for the request bodies of record types, so a test reads like the API:
 * {@code Bodies.contact().firstName("Ana").email("ana@acme.es").build()} gives the JSON object
 * as a map REST Assured serialises. A field without a setter goes through {@link Body#with}.
 */
public final class Bodies {

    private Bodies() {
    }

    public static Contact contact() {
        return new Contact();
    }

    public static Company company() {
        return new Company();
    }

    public static Deal deal() {
        return new Deal();
    }

    public static Product product() {
        return new Product();
    }

    public static Order order() {
        return new Order();
    }

    public static Ticket ticket() {
        return new Ticket();
    }

    public static Task task() {
        return new Task();
    }

    public static Interaction interaction() {
        return new Interaction();
    }

    public static Segment segment() {
        return new Segment();
    }

    public static Workflow workflow() {
        return new Workflow();
    }

    public static Team team() {
        return new Team();
    }

    /** The fields set so far, in order; {@link #build()} copies them out. */
    public abstract static class Body<B extends Body<B>> {

        private final Map<String, Object> fields = new LinkedHashMap<>();

        /** Sets any field, null included (a JSON null, which a merge patch reads as "clear"). */
        @SuppressWarnings("unchecked")
        public B with(String field, Object value) {
            fields.put(field, value);
            return (B) this;
        }

        public B externalId(String externalId) {
            return with("externalId", externalId);
        }

        public Map<String, Object> build() {
            return new LinkedHashMap<>(fields);
        }
    }

    /** A person. */
    public static final class Contact extends Body<Contact> {
        public Contact firstName(String firstName) { return with("firstName", firstName); }
        public Contact lastName(String lastName) { return with("lastName", lastName); }
        public Contact email(String email) { return with("email", email); }
        public Contact phone(String phone) { return with("phone", phone); }
        public Contact companyId(String companyId) { return with("companyId", companyId); }
        public Contact lifecycleStage(String stage) { return with("lifecycleStage", stage); }
        public Contact ownerId(String ownerId) { return with("ownerId", ownerId); }
        public Contact tags(String... tags) { return with("tags", List.of(tags)); }
        public Contact properties(Map<String, Object> properties) { return with("properties", properties); }
    }

    /** An account. */
    public static final class Company extends Body<Company> {
        public Company name(String name) { return with("name", name); }
        public Company domain(String domain) { return with("domain", domain); }
        public Company industry(String industry) { return with("industry", industry); }
        public Company sizeBand(String sizeBand) { return with("sizeBand", sizeBand); }
        public Company tier(String tier) { return with("tier", tier); }
        public Company properties(Map<String, Object> properties) { return with("properties", properties); }
    }

    /** A deal in a pipeline. */
    public static final class Deal extends Body<Deal> {
        public Deal name(String name) { return with("name", name); }
        public Deal amount(String amount, String currency) { return with("amount", amount).with("currency", currency); }
        public Deal pipelineId(String pipelineId) { return with("pipelineId", pipelineId); }
        public Deal stageId(String stageId) { return with("stageId", stageId); }
        public Deal contactId(String contactId) { return with("contactId", contactId); }
        public Deal companyId(String companyId) { return with("companyId", companyId); }
        public Deal lostReason(String lostReason) { return with("lostReason", lostReason); }
        public Deal ownerId(String ownerId) { return with("ownerId", ownerId); }
    }

    /** A product of the catalogue. */
    public static final class Product extends Body<Product> {
        public Product sku(String sku) { return with("sku", sku); }
        public Product name(String name) { return with("name", name); }
        public Product price(String price, String currency) { return with("price", price).with("currency", currency); }
        public Product category(String category) { return with("category", category); }
        public Product active(boolean active) { return with("active", active); }
    }

    /** An order with its lines. */
    public static final class Order extends Body<Order> {
        private final List<Map<String, Object>> lines = new ArrayList<>();

        public Order email(String email) { return with("email", email); }
        public Order contactId(String contactId) { return with("contactId", contactId); }
        public Order currency(String currency) { return with("currency", currency); }
        public Order status(String status) { return with("status", status); }
        public Order total(String total) { return with("total", total); }
        public Order placedAt(String placedAt) { return with("placedAt", placedAt); }

        /** A line at the product's own price. */
        public Order line(String sku, int quantity) {
            return line(Map.of("sku", sku, "quantity", quantity));
        }

        public Order line(String sku, int quantity, String unitPrice) {
            return line(Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice));
        }

        private Order line(Map<String, Object> line) {
            lines.add(line);
            return with("lines", List.copyOf(lines));
        }
    }

    /** A support ticket. */
    public static final class Ticket extends Body<Ticket> {
        public Ticket subject(String subject) { return with("subject", subject); }
        public Ticket description(String description) { return with("description", description); }
        public Ticket status(String status) { return with("status", status); }
        public Ticket priority(String priority) { return with("priority", priority); }
        public Ticket channel(String channel) { return with("channel", channel); }
        public Ticket contactId(String contactId) { return with("contactId", contactId); }
        public Ticket companyId(String companyId) { return with("companyId", companyId); }
        public Ticket tags(String... tags) { return with("tags", List.of(tags)); }
        public Ticket openedAt(String openedAt) { return with("openedAt", openedAt); }
        public Ticket resolvedAt(String resolvedAt) { return with("resolvedAt", resolvedAt); }
        public Ticket assigneeId(String assigneeId) { return with("assigneeId", assigneeId); }
    }

    /** A follow-up. */
    public static final class Task extends Body<Task> {
        public Task title(String title) { return with("title", title); }
        public Task dueAt(String dueAt) { return with("dueAt", dueAt); }
        public Task assigneeId(String assigneeId) { return with("assigneeId", assigneeId); }
        public Task status(String status) { return with("status", status); }
        public Task priority(String priority) { return with("priority", priority); }
        public Task contactId(String contactId) { return with("contactId", contactId); }
        public Task dealId(String dealId) { return with("dealId", dealId); }
    }

    /** A touchpoint on a timeline. */
    public static final class Interaction extends Body<Interaction> {
        public Interaction type(String type) { return with("type", type); }
        public Interaction direction(String direction) { return with("direction", direction); }
        public Interaction occurredAt(String occurredAt) { return with("occurredAt", occurredAt); }
        public Interaction subject(String subject) { return with("subject", subject); }
        public Interaction body(String body) { return with("body", body); }
        public Interaction contactId(String contactId) { return with("contactId", contactId); }
        public Interaction externalMessageId(String id) { return with("externalMessageId", id); }
        public Interaction ticketId(String ticketId) { return with("ticketId", ticketId); }
        public Interaction purpose(String purpose) { return with("purpose", purpose); }
        public Interaction fromAddress(String fromAddress) { return with("fromAddress", fromAddress); }
        public Interaction consentOverrideReason(String reason) { return with("consentOverrideReason", reason); }

        /** An internal note on a contact's timeline: needs no consent. */
        public Interaction note(String contactId, String occurredAt) {
            return type("note").direction("internal").occurredAt(occurredAt).contactId(contactId);
        }
    }

    /** A saved filter or a hand-kept list. */
    public static final class Segment extends Body<Segment> {
        public Segment name(String name) { return with("name", name); }
        public Segment objectType(String objectType) { return with("objectType", objectType); }
        public Segment kind(String kind) { return with("kind", kind); }
        public Segment filter(String filter) { return with("filter", filter); }
    }

    /** An automation: a trigger and its steps. */
    public static final class Workflow extends Body<Workflow> {
        public Workflow name(String name) { return with("name", name); }
        public Workflow enabled(boolean enabled) { return with("enabled", enabled); }
        public Workflow trigger(Map<String, Object> trigger) { return with("trigger", trigger); }
        public Workflow steps(List<Map<String, Object>> steps) { return with("steps", steps); }
    }

    /** A team: the users a round-robin assignment takes turns among. */
    public static final class Team extends Body<Team> {
        public Team name(String name) { return with("name", name); }
        public Team members(List<String> members) { return with("members", members); }
    }

    public static SlaPolicy slaPolicy() {
        return new SlaPolicy();
    }

    /** Response and resolution targets per priority, optionally in business hours of a calendar. */
    public static final class SlaPolicy extends Body<SlaPolicy> {
        private final Map<String, Map<String, Object>> targets = new LinkedHashMap<>();

        public SlaPolicy name(String name) { return with("name", name); }
        public SlaPolicy position(int position) { return with("position", position); }
        public SlaPolicy calendarId(String calendarId) { return with("calendarId", calendarId); }

        /** A target for the priority with no minutes yet (alone, an invalid one). */
        public SlaPolicy target(String priority) {
            return target(priority, null, null);
        }

        public SlaPolicy firstResponse(String priority, int minutes) {
            return target(priority, "firstResponseMinutes", minutes);
        }

        public SlaPolicy resolution(String priority, int minutes) {
            return target(priority, "resolutionMinutes", minutes);
        }

        private SlaPolicy target(String priority, String field, Integer minutes) {
            Map<String, Object> target = targets.computeIfAbsent(priority, p -> new LinkedHashMap<>(Map.of("priority", p)));
            if (field != null) {
                target.put(field, minutes);
            }
            return with("targets", targets.values().stream().map(LinkedHashMap::new).toList());
        }
    }
}
