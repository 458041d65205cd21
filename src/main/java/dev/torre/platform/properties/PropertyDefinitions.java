package dev.torre.platform.properties;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.time.Clock;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Custom property definitions per tenant and object type, and the rules they put on
 * {@code properties}: values checked against their type and validation, sensitive values
 * sealed before they are stored and opened only for the roles allowed to read them.
 * Properties without a definition keep working as free values.
 */
@ApplicationScoped
public class PropertyDefinitions {

    static final List<String> TYPES = List.of("string", "number", "boolean", "date", "enum", "multi_enum");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    Caller caller;

    @Inject
    AccessPolicies access;

    @Inject
    Sealer sealer;

    @Inject
    ObjectMapper mapper;

    private final Cache<String, Map<String, PropertyDefinitionView>> cache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(java.time.Duration.ofSeconds(30)).build();

    // --- the definitions as a resource

    @Transactional
    @RequiresScope("property-definitions:admin")
    public PropertyDefinitionView define(@Valid PropertyDefinitionInput in) {
        if (access.type(in.objectType()).isEmpty()) {
            throw invalid("objectType", "One of: " + String.join(", ", access.types().stream().map(t -> t.name()).toList()));
        }
        if (!NAME.matcher(in.name()).matches()) {
            throw invalid("name", "Letters, digits and _ (not first), up to 64 characters");
        }
        if (!TYPES.contains(in.type())) {
            throw invalid("type", "One of: " + String.join(", ", TYPES));
        }
        Map<String, Object> validation = in.validation() == null ? Map.of() : in.validation();
        checkValidation(in.type(), validation);
        boolean sensitive = Boolean.TRUE.equals(in.sensitive());
        if (sensitive && !"string".equals(in.type())) {
            throw invalid("sensitive", "Only string properties can be sensitive");
        }
        if (sensitive && !sealer.available()) {
            throw new TorreException(ErrorCode.UNAVAILABLE, "Sensitive properties need an encryption key (torre.encryption.key) on this server");
        }
        List<String> readableBy = in.readableBy() == null ? List.of() : List.copyOf(in.readableBy());
        for (String role : readableBy) {
            if (!AccessPolicies.EDITABLE_ROLES.contains(role)) {
                throw invalid("readableBy", "Roles among " + AccessPolicies.EDITABLE_ROLES + " (admin always reads)");
            }
        }
        if (definitions(in.objectType()).containsKey(in.name())) {
            throw TorreException.invalidField(ErrorCode.CONFLICT, "name", "duplicate", "A property " + in.name() + " is already defined");
        }
        UUID id = Ids.next();
        try {
            em.createNativeQuery("""
                    insert into property_definition (tenant_id, id, object_type, name, type, validation, personal, sensitive, readable_by,
                        version, created_at, updated_at)
                    values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?8, ?9, 0, ?10, ?10)
                    """).setParameter(1, TenantContext.current()).setParameter(2, id).setParameter(3, in.objectType())
                    .setParameter(4, in.name()).setParameter(5, in.type()).setParameter(6, mapper.writeValueAsString(validation))
                    .setParameter(7, Boolean.TRUE.equals(in.personal())).setParameter(8, sensitive)
                    .setParameter(9, readableBy.toArray(String[]::new)).setParameter(10, Clock.now()).executeUpdate();
        } catch (JsonProcessingException e) {
            throw invalid("validation", "A JSON object");
        }
        PropertyDefinitionView view = new PropertyDefinitionView(id, in.objectType(), in.name(), in.type(), validation,
                Boolean.TRUE.equals(in.personal()), sensitive, readableBy);
        events.append("property_definition", id, "created", Map.of("objectType", view.objectType(), "name", view.name(),
                "type", view.type(), "sensitive", sensitive));
        cache.invalidateAll();
        return view;
    }

    @RequiresScope("property-definitions:read")
    public List<PropertyDefinitionView> list(String objectType) {
        List<PropertyDefinitionView> all = new ArrayList<>();
        for (var type : access.types()) {
            if (objectType == null || objectType.equals(type.name())) {
                all.addAll(definitions(type.name()).values());
            }
        }
        if (objectType != null && access.type(objectType).isEmpty()) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "Unknown objectType",
                    List.of(new FieldError("objectType", "invalid_value", "An object type such as contact")));
        }
        return all;
    }

    @Transactional
    @RequiresScope("property-definitions:admin")
    public void remove(UUID id) {
        int removed = em.createNativeQuery(
                "update property_definition set archived_at = now(), version = version + 1 where tenant_id = ?1 and id = ?2 and archived_at is null")
                .setParameter(1, TenantContext.current()).setParameter(2, id).executeUpdate();
        if (removed == 0) {
            throw TorreException.notFound("Property definition " + id);
        }
        events.append("property_definition", id, "archived", Map.of());
        cache.invalidateAll();
    }

    // --- the rules on values

    /** Checks values against their definitions and seals the sensitive ones; a bad value fails naming its property. */
    public Map<String, Object> apply(String objectType, Map<String, Object> properties) {
        Map<String, PropertyDefinitionView> defs = definitions(objectType);
        if (defs.isEmpty() || properties.isEmpty()) {
            return properties;
        }
        Map<String, Object> out = new LinkedHashMap<>(properties);
        List<FieldError> errors = new ArrayList<>();
        properties.forEach((name, value) -> {
            PropertyDefinitionView def = defs.get(name);
            if (def == null || value == null || (def.sensitive() && Sealer.isSealed(value))) {
                return;
            }
            String problem = problem(def, value);
            if (problem != null) {
                errors.add(new FieldError("properties." + name, "invalid_value", problem));
            } else if (def.sensitive()) {
                out.put(name, sealer.seal(TenantContext.current(), (String) value));
            }
        });
        if (!errors.isEmpty()) {
            throw new TorreException(ErrorCode.VALIDATION, "Custom properties break their definitions", errors);
        }
        return out;
    }

    /**
     * Runs work that writes views for storage (a stored idempotent answer, an access export):
     * sensitive values stay sealed in what it writes, so they are never at rest in plain text.
     */
    public static <T> T keepingSealed(java.util.function.Supplier<T> work) {
        boolean before = STORING.get();
        STORING.set(true);
        try {
            return work.get();
        } finally {
            STORING.set(before);
        }
    }

    private static final ThreadLocal<Boolean> STORING = ThreadLocal.withInitial(() -> false);

    /** The properties as the caller may see them: sensitive ones opened for allowed roles, left out for others. */
    public Map<String, Object> visible(String objectType, Map<String, Object> properties) {
        Map<String, PropertyDefinitionView> defs = definitions(objectType);
        if (properties == null || STORING.get() || defs.values().stream().noneMatch(PropertyDefinitionView::sensitive)) {
            return properties;
        }
        Map<String, Object> out = new LinkedHashMap<>(properties);
        for (PropertyDefinitionView def : defs.values()) {
            if (def.sensitive() && out.containsKey(def.name())) {
                if (mayRead(def) && out.get(def.name()) instanceof String sealed) {
                    out.put(def.name(), sealer.open(TenantContext.current(), sealed));
                } else {
                    out.remove(def.name());
                }
            }
        }
        return out;
    }

    /** Names of the sensitive properties of a type, which no filter may use. */
    public Set<String> sensitiveNames(String objectType) {
        Set<String> names = new java.util.HashSet<>();
        definitions(objectType).values().forEach(d -> {
            if (d.sensitive()) {
                names.add(d.name());
            }
        });
        return names;
    }

    /** Names of the sensitive properties of a type the caller may not read: left out of whatever it receives. */
    public Set<String> unreadableNames(String objectType) {
        Set<String> names = new java.util.HashSet<>();
        definitions(objectType).values().forEach(d -> {
            if (d.sensitive() && !mayRead(d)) {
                names.add(d.name());
            }
        });
        return names;
    }

    private boolean mayRead(PropertyDefinitionView def) {
        return caller.hasRole("admin") || def.readableBy().stream().anyMatch(caller::hasRole);
    }

    private static String problem(PropertyDefinitionView def, Object value) {
        Map<String, Object> v = def.validation();
        return switch (def.type()) {
            case "string" -> {
                if (!(value instanceof String s)) {
                    yield "A string";
                }
                if (v.get("maxLength") instanceof Number max && s.length() > max.intValue()) {
                    yield "At most " + max + " characters";
                }
                if (v.get("pattern") instanceof String p && !Pattern.compile(p).matcher(s).matches()) {
                    yield "Must match " + p;
                }
                yield null;
            }
            case "number" -> {
                if (!(value instanceof Number n)) {
                    yield "A number";
                }
                BigDecimal d = new BigDecimal(n.toString());
                if (v.get("min") instanceof Number min && d.compareTo(new BigDecimal(min.toString())) < 0) {
                    yield "At least " + min;
                }
                if (v.get("max") instanceof Number max && d.compareTo(new BigDecimal(max.toString())) > 0) {
                    yield "At most " + max;
                }
                yield null;
            }
            case "boolean" -> value instanceof Boolean ? null : "true or false";
            case "date" -> {
                try {
                    LocalDate.parse((String) value);
                    yield null;
                } catch (ClassCastException | DateTimeParseException e) {
                    yield "A date such as 2024-05-01";
                }
            }
            case "enum" -> values(v).contains(value) ? null : "One of: " + values(v);
            case "multi_enum" -> value instanceof List<?> list && values(v).containsAll(list) ? null : "A list of: " + values(v);
            default -> null;
        };
    }

    private static List<?> values(Map<String, Object> validation) {
        return validation.get("values") instanceof List<?> l ? l : List.of();
    }

    private static void checkValidation(String type, Map<String, Object> v) {
        Set<String> allowed = switch (type) {
            case "string" -> Set.of("maxLength", "pattern");
            case "number" -> Set.of("min", "max");
            case "enum", "multi_enum" -> Set.of("values");
            default -> Set.of();
        };
        for (String key : v.keySet()) {
            if (!allowed.contains(key)) {
                throw invalid("validation." + key, "Not a rule of " + type + " properties" + (allowed.isEmpty() ? "" : "; rules: " + allowed));
            }
        }
        if (v.containsKey("maxLength") && !(v.get("maxLength") instanceof Number n && n.intValue() > 0)) {
            throw invalid("validation.maxLength", "A positive whole number");
        }
        for (String bound : List.of("min", "max")) {
            if (v.containsKey(bound) && !(v.get(bound) instanceof Number)) {
                throw invalid("validation." + bound, "A number");
            }
        }
        if (v.containsKey("pattern")) {
            if (!(v.get("pattern") instanceof String p) || p.length() > 200) {
                throw invalid("validation.pattern", "A regular expression of up to 200 characters");
            }
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw invalid("validation.pattern", "Not a valid regular expression");
            }
        }
        if (type.endsWith("enum") && !(v.get("values") instanceof List<?> l && !l.isEmpty() && l.size() <= 100
                && l.stream().allMatch(x -> x instanceof String))) {
            throw invalid("validation.values", "1 to 100 strings");
        }
    }

    private Map<String, PropertyDefinitionView> definitions(String objectType) {
        String tenant = TenantContext.current();
        if (tenant == null) {
            return Map.of();
        }
        return cache.get(tenant + "/" + objectType, k -> load(objectType));
    }

    private Map<String, PropertyDefinitionView> load(String objectType) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, name, type, cast(validation as text), personal, sensitive, readable_by from property_definition
                where tenant_id = ?1 and object_type = ?2 and archived_at is null order by name
                """).setParameter(1, TenantContext.current()).setParameter(2, objectType).getResultList();
        Map<String, PropertyDefinitionView> byName = new HashMap<>();
        for (Object[] r : rows) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> validation = mapper.readValue((String) r[3], Map.class);
                byName.put((String) r[1], new PropertyDefinitionView((UUID) r[0], objectType, (String) r[1], (String) r[2], validation,
                        (Boolean) r[4], (Boolean) r[5], List.of((String[]) r[6])));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored validation is not JSON", e);
            }
        }
        return byName;
    }

    private static TorreException invalid(String field, String message) {
        return TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_value", message);
    }
}
