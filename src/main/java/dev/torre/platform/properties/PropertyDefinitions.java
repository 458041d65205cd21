package dev.torre.platform.properties;

import dev.torre.platform.crypto.Sealer;
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
import dev.torre.platform.access.PropertyAccess;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * Custom property definitions per tenant and object type, and the rules they put on
 * {@code properties}: values checked against their type and validation, sensitive values
 * sealed before they are stored and opened only for the roles allowed to read them.
 * Properties without a definition keep working as free values.
 */
@ApplicationScoped
public class PropertyDefinitions implements PropertyAccess {

    @Inject
    ServerClock clock;

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
                    .setParameter(9, readableBy.toArray(String[]::new)).setParameter(10, clock.now()).executeUpdate();
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

    /**
     * Checks values against their definitions; a bad value fails naming its property. Values
     * that look sealed are left for {@link #store}, which alone knows the record they claim to be from.
     */
    public Map<String, Object> apply(String objectType, Map<String, Object> properties) {
        Map<String, PropertyDefinitionView> defs = definitions(objectType);
        if (defs.isEmpty() || properties.isEmpty()) {
            return properties;
        }
        List<FieldError> errors = new ArrayList<>();
        properties.forEach((name, value) -> {
            PropertyDefinitionView def = defs.get(name);
            if (def == null || value == null || Sealer.isSealed(value)) {
                return;
            }
            String problem = problem(def, value);
            if (problem != null) {
                errors.add(new FieldError("properties." + name, "invalid_value", problem));
            }
        });
        if (!errors.isEmpty()) {
            throw new TorreException(ErrorCode.VALIDATION, "Custom properties break their definitions", errors);
        }
        return properties;
    }

    /**
     * The properties to store on a record, from the ones it has and the ones it is given:
     * sensitive values are sealed, bound to this record and property (a value given again in
     * plain text keeps its sealed form). A value that looks sealed is accepted only where it is
     * exactly the value already stored in that property of this record; anywhere else it is
     * refused, never opened, so a sealed value cannot be moved to where another role reads it.
     */
    public Map<String, Object> store(String objectType, UUID recordId, Map<String, Object> current, Map<String, Object> given) {
        if (given == null || given.isEmpty()) {
            return given;
        }
        Map<String, Object> stored = current == null ? Map.of() : current;
        Map<String, PropertyDefinitionView> defs = definitions(objectType);
        Map<String, Object> out = new LinkedHashMap<>(given);
        List<FieldError> errors = new ArrayList<>();
        given.forEach((name, value) -> {
            if (Sealer.isSealed(value)) {
                if (!value.equals(stored.get(name))) {
                    errors.add(new FieldError("properties." + name, "sealed_value",
                            "A sealed value can only be sent back unchanged to the property of the record it was read from; send the plain value"));
                }
                return;
            }
            PropertyDefinitionView def = defs.get(name);
            if (def != null && def.sensitive() && value instanceof String plain) {
                Sealer.Place place = new Sealer.Place(TenantContext.current(), objectType, recordId, name);
                Object was = stored.get(name);
                out.put(name, was instanceof String sealed && plain.equals(sealer.open(place, sealed)) ? sealed : sealer.seal(place, plain));
            }
        });
        if (!errors.isEmpty()) {
            throw new TorreException(ErrorCode.VALIDATION, "Sealed values cannot be copied", errors);
        }
        return out;
    }

    /**
     * Runs work that writes views for storage (a stored idempotent answer, an access export):
     * what it writes holds no sensitive value at all, neither plain nor sealed, since it is
     * kept and later shown without knowing who will read it.
     */
    public static <T> T forStorage(java.util.function.Supplier<T> work) {
        boolean before = STORING.get();
        STORING.set(true);
        try {
            return work.get();
        } finally {
            STORING.set(before);
        }
    }

    private static final ThreadLocal<Boolean> STORING = ThreadLocal.withInitial(() -> false);

    /**
     * The properties of a record as the caller may see them: sensitive ones opened for the
     * roles allowed to read them and left out for others; any other value that looks sealed is
     * left out too. Every answer that shows properties passes here, so none carries a sealed value.
     */
    @Override
    public Map<String, Object> visible(String objectType, UUID recordId, Map<String, Object> properties) {
        if (properties == null) {
            return null;
        }
        Map<String, PropertyDefinitionView> defs = definitions(objectType);
        Map<String, Object> out = new LinkedHashMap<>();
        boolean storing = STORING.get();
        properties.forEach((name, value) -> {
            PropertyDefinitionView def = defs.get(name);
            boolean sensitive = def != null && def.sensitive();
            if (!sensitive) {
                if (!Sealer.isSealed(value)) {
                    out.put(name, value);
                }
            } else if (!storing && mayRead(def) && value != null) {
                String plain = value instanceof String s && Sealer.isSealed(s)
                        ? sealer.open(new Sealer.Place(TenantContext.current(), objectType, recordId, name), s) : null;
                if (plain != null) {
                    out.put(name, plain);
                } else if (!Sealer.isSealed(value)) {
                    out.put(name, value); // stored before the property was made sensitive
                }
            }
        });
        return out;
    }

    /** Names of the sensitive properties of a type, which no filter may use. */
    @Override
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
    @Override
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
                if (v.get("pattern") instanceof String p && !matches(p, s)) {
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

    /**
     * Whether a whole value matches an admin-defined pattern. RE2/J matches in time linear in the
     * value, so no pattern can hold a request thread; one it cannot compile (stored before it was
     * the engine) matches nothing.
     */
    private static boolean matches(String pattern, String value) {
        try {
            return com.google.re2j.Pattern.compile(pattern).matches(value);
        } catch (com.google.re2j.PatternSyntaxException e) {
            return false;
        }
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
                com.google.re2j.Pattern.compile(p);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw invalid("validation.pattern", "Not a regular expression of the RE2 syntax (no backreferences or lookaround)");
            }
        }
        if (type.endsWith("enum") && !(v.get("values") instanceof List<?> l && !l.isEmpty() && l.size() <= 100
                && l.stream().allMatch(x -> x instanceof String))) {
            throw invalid("validation.values", "1 to 100 strings");
        }
    }

    /** Each defined property of an object type with its type (string, number, ...), for readers of untyped text such as CSV. */
    public Map<String, String> typesOf(String objectType) {
        Map<String, String> types = new LinkedHashMap<>();
        definitions(objectType).forEach((name, def) -> types.put(name, def.type()));
        return types;
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
