package dev.torre.testing;

import static dev.torre.testing.Api.admin;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;

/**
 * What a round trip of every writable field needs per kind of record: a value for each input component, generated
 * from its type unless the kind names one (references to other records, texts with a grammar, fields that go
 * together), and the fields a kind does not echo on purpose, each with the reason. Two variants: the first for the
 * create, the second, different in every field, for the merge patch.
 */
public final class RoundTrips {

    /** Kinds the round trip leaves out, with the reason. */
    public static final Map<String, String> EXCLUDED = Map.of(
            "webhook", "its subscription is being rewritten this session (webhook tests belong to that work)");

    /** Fields a kind does not show as written, by kind, with the reason. */
    private static final Map<String, Map<String, String>> NOT_ECHOED = Map.of(
            "order", Map.of("email", "finds or creates the buyer: the view shows the buyer's contactId"),
            "interaction", Map.of("consentOverrideReason", "goes to the consent override record, not onto the interaction"),
            "scoring_rule", Map.of("condition", "attribute rules only; this round trip writes a behaviour rule, whose fields are the rest"));

    /** Fields a merge patch may not change (they keep the value of the create), by kind, with the reason. */
    private static final Map<String, Map<String, String>> FIXED_AFTER_CREATE = Map.of(
            "ticket", Map.of("openedAt", "fixed when the ticket is created",
                    "resolvedAt", "a backdated resolution may not precede the last status change; the patch that closes keeps it"));

    /**
     * A kind's writes: the body of the create, the body of the patch (every field but those fixed after the create),
     * and what the kind does not echo.
     */
    public record Trip(Map<String, Object> first, Map<String, Object> second, Map<String, String> notEchoed) {

        /** What the record holds after the patch: the patched fields, and the create's value of the fixed ones. */
        public Map<String, Object> afterPatch() {
            Map<String, Object> after = new LinkedHashMap<>(first);
            after.putAll(second);
            return after;
        }

        /** The field a patch changes alone: the first one whose two values differ (a name or the like). */
        public String patchedAlone() {
            return second.keySet().stream().filter(f -> !java.util.Objects.equals(first.get(f), second.get(f))).findFirst()
                    .orElseThrow(() -> new AssertionError("the two variants write the same values"));
        }
    }

    private RoundTrips() {
    }

    /** The two bodies that write every component of the input with distinct, non-default values. */
    public static Trip trip(String kind, Class<?> input, String tenant) {
        Refs refs = new Refs(tenant);
        Map<String, String> notEchoed = NOT_ECHOED.getOrDefault(kind, Map.of());
        Map<String, Object> second = body(kind, input, refs, 2, notEchoed);
        second.keySet().removeAll(FIXED_AFTER_CREATE.getOrDefault(kind, Map.of()).keySet());
        return new Trip(body(kind, input, refs, 1, notEchoed), second, notEchoed);
    }

    private static Map<String, Object> body(String kind, Class<?> input, Refs refs, int variant, Map<String, String> notEchoed) {
        Map<String, Object> named = named(kind, refs, variant);
        Map<String, Object> body = new LinkedHashMap<>();
        for (RecordComponent component : input.getRecordComponents()) {
            String field = component.getName();
            if (named.containsKey(field)) {
                body.put(field, named.get(field));
            } else if (!notEchoed.containsKey(field)) {
                body.put(field, generated(kind + "." + field, component, component.getGenericType(), variant));
            }
        }
        return body;
    }

    /** A value from the component's type alone; a text with a grammar or a reference must be named by its kind. */
    private static Object generated(String name, RecordComponent component, Type type, int variant) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            if (component != null && (component.isAnnotationPresent(Pattern.class) || component.isAnnotationPresent(Email.class))) {
                throw new AssertionError(name + " has a grammar: give it a value in RoundTrips.named");
            }
            return name.substring(name.indexOf('.') + 1) + " " + variant;
        }
        if (raw == Integer.class || raw == int.class) {
            return 4 + 3 * variant;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return variant == 2;
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal(variant == 1 ? "0.25" : "0.5");
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-01-04T05:06:07Z").plus(java.time.Duration.ofDays(31L * variant)).toString();
        }
        if (raw == LocalDate.class) {
            return LocalDate.of(2026, 5, 15).plusDays(variant).toString();
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return wire(constants[constants.length - variant]);
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return List.of(generated(name, null, element, variant), generated(name, null, element, variant + 10));
        }
        if (raw == Map.class) {
            return Map.of("roundTrip", "value " + variant);
        }
        if (raw.isRecord()) {
            Map<String, Object> nested = new LinkedHashMap<>();
            for (RecordComponent part : raw.getRecordComponents()) {
                nested.put(part.getName(), generated(name + "." + part.getName(), part, part.getGenericType(), variant));
            }
            return nested;
        }
        throw new AssertionError(name + " is a " + type + ": give it a value in RoundTrips.named");
    }

    /** An enum constant as the API spells it. */
    private static Object wire(Object constant) {
        for (var method : constant.getClass().getMethods()) {
            if (method.isAnnotationPresent(JsonValue.class)) {
                try {
                    return method.invoke(constant);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return ((Enum<?>) constant).name().toLowerCase();
    }

    /** The values a kind needs named: references, texts with a grammar, and fields that must agree with each other. */
    private static Map<String, Object> named(String kind, Refs refs, int v) {
        boolean one = v == 1;
        return switch (kind) {
            case "contact" -> Map.of("email", "ana" + v + "@roundtrip.es", "phone", one ? "+34612345671" : "+34612345672",
                    "companyId", refs.company(v), "lifecycleStage", one ? "opportunity" : "customer",
                    "timeZone", one ? "Europe/Madrid" : "America/Lima");
            case "company" -> Map.of("domain", "acme" + v + ".es", "sizeBand", one ? "11-50" : "51-200", "tier", one ? "gold" : "silver");
            case "deal" -> Map.of("amount", one ? "1200.50" : "99.00", "currency", one ? "EUR" : "USD",
                    "pipelineId", refs.pipeline(), "stageId", refs.openStage(v), "contactId", refs.contact(v), "companyId", refs.company(v),
                    "contacts", List.of(Map.of("contactId", refs.contact(3 - v), "role", "role " + v)));
            case "product" -> Map.of("sku", "SKU-" + v, "price", one ? "9.90" : "12.00", "currency", one ? "EUR" : "USD");
            case "order" -> Map.of("contactId", refs.contact(v), "companyId", refs.company(v), "status", one ? "paid" : "fulfilled",
                    "currency", "EUR", "lines", List.of(Map.of("productId", refs.product(), "sku", Refs.SKU, "quantity", 1 + v,
                            "unitPrice", "10.50", "discount", one ? "1.00" : "0.50")),
                    "total", one ? "20.00" : "31.00");
            case "ticket" -> Map.of("status", one ? "resolved" : "closed", "openedAt", "2026-0" + v + "-01T08:00:00Z",
                    "resolvedAt", "2026-0" + v + "-02T09:30:00Z", "contactId", refs.contact(v), "companyId", refs.company(v));
            case "task" -> Map.of("contactId", refs.contact(v), "companyId", refs.company(v), "dealId", refs.deal(v), "ticketId", refs.ticket(v));
            case "interaction" -> Map.ofEntries(Map.entry("type", "email"), Map.entry("direction", "outbound"),
                    Map.entry("purpose", one ? "service_notifications" : "marketing"), Map.entry("consentOverrideReason", "asked by phone"),
                    Map.entry("fromAddress", "shop" + v + "@acme.es"), Map.entry("toAddress", "ana" + v + "@roundtrip.es"),
                    Map.entry("recordingUrl", "https://rec.acme.es/" + v), Map.entry("pageUrl", "https://acme.es/page-" + v),
                    Map.entry("status", one ? "delivered" : "opened"), Map.entry("contactId", refs.contact(v)), Map.entry("companyId", refs.company(v)),
                    Map.entry("dealId", refs.deal(v)), Map.entry("ticketId", refs.ticket(v)));
            case "segment" -> Map.of("objectType", "contact", "kind", "dynamic", "filter", "lastName eq \"Round " + v + "\"");
            case "workflow" -> Map.of("trigger", Map.of("type", "record_changed", "objectType", "contact", "condition", "leadScore ge " + (50 + v)),
                    "steps", List.of(Map.of("type", "create_task", "title", "Call " + v, "due", "P" + v + "D")));
            case "scoring_rule" -> Map.of("kind", "behaviour", "interactionType", one ? "web_visit" : "email",
                    "match", "subject co \"round " + v + "\"");
            case "sla_policy" -> Map.of("priorities", List.of(one ? "high" : "urgent"), "companyTiers", List.of(one ? "gold" : "silver"),
                    "channels", List.of(one ? "email" : "chat"), "calendarId", refs.calendar(v),
                    "targets", List.of(Map.of("priority", one ? "high" : "urgent", "firstResponseMinutes", 30 * v, "resolutionMinutes", 600 * v)));
            case "business_calendar" -> Map.of("timeZone", one ? "Europe/Madrid" : "America/Lima",
                    "weeklyHours", Map.of(one ? "mon" : "tue", List.of("09:00-1" + v + ":00")));
            case "ticket_priority_rule" -> Map.of("companyTier", one ? "gold" : "silver");
            case "api_client" -> Map.of("scopes", List.of(one ? "contacts:read" : "deals:read"), "roles", List.of(one ? "admin" : "readonly"));
            default -> Map.of();
        };
    }

    /** Same value: equal JSON, numbers by value (a decimal may come back as text), instants by the instant, views may add fields. */
    public static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (var fields = expected.fields(); fields.hasNext();) {
                var field = fields.next();
                if (!same(field.getValue(), actual.path(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() || actual.isNumber()) {
            BigDecimal a = decimal(expected);
            BigDecimal b = decimal(actual);
            return a != null && b != null && a.compareTo(b) == 0;
        }
        if (expected.isTextual() && actual.isTextual()) {
            String a = expected.asText();
            String b = actual.asText();
            return a.equals(b) || sameInstant(a, b);
        }
        return expected.equals(actual);
    }

    private static BigDecimal decimal(JsonNode node) {
        try {
            return node.isNumber() ? node.decimalValue() : node.isTextual() ? new BigDecimal(node.asText()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return Instant.parse(a).equals(Instant.parse(b));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** The records a round trip refers to, made in its tenant when first asked for. */
    private static final class Refs {

        static final String SKU = "RT-MUG";

        private final String tenant;
        private final Map<String, String> made = new LinkedHashMap<>();

        Refs(String tenant) {
            this.tenant = tenant;
        }

        String contact(int n) {
            return once("contact" + n, () -> Seed.contact(tenant, Bodies.contact().firstName("Ref " + n).email("ref" + n + "@roundtrip.es")));
        }

        String company(int n) {
            return once("company" + n, () -> Seed.company(tenant, Bodies.company().name("Ref " + n)));
        }

        String deal(int n) {
            return once("deal" + n, () -> Seed.create(tenant, "deals", Bodies.deal().name("Ref " + n).build()));
        }

        String ticket(int n) {
            return once("ticket" + n, () -> Seed.create(tenant, "tickets", Bodies.ticket().subject("Ref " + n).build()));
        }

        String product() {
            return once("product", () -> Seed.create(tenant, "products", Bodies.product().sku(SKU).name("Mug").price("10.50", "EUR").build()));
        }

        String calendar(int n) {
            return once("calendar" + n, () -> Seed.create(tenant, "business-calendars",
                    Map.of("name", "Ref " + n, "timeZone", "Europe/Madrid", "weeklyHours", Map.of("mon", List.of("09:00-17:00")))));
        }

        String pipeline() {
            return once("pipeline", () -> admin(tenant).when().get("/v1/pipelines").then().statusCode(200).extract().path("data[0].id"));
        }

        /** The n-th open stage of the default pipeline. */
        String openStage(int n) {
            pipeline();
            return once("stage" + n, () -> admin(tenant).when().get("/v1/pipelines").then().statusCode(200)
                    .extract().path("data[0].stages.findAll { it.kind == 'open' }[" + (n - 1) + "].id"));
        }

        private String once(String key, java.util.function.Supplier<String> make) {
            String id = made.get(key);
            if (id == null) {
                id = make.get();
                made.put(key, id);
            }
            return id;
        }
    }
}
