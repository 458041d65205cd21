package dev.torre.platform.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.security.PolicyGrants;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * The tenant's access policy — per role and object type: read, write and hidden fields — and
 * the one place that answers what the current caller may do and see. Torre's defaults come
 * from the {@link GuardedType}s; a tenant's changes are kept per role and type and cached
 * for a short while (other instances see a change within {@link #FRESHNESS}).
 */
@ApplicationScoped
public class AccessPolicies implements PolicyGrants {

    @Inject
    ServerClock clock;

    /** Roles a tenant may edit; admin always has full access so nobody locks the tenant out. */
    public static final List<String> EDITABLE_ROLES = List.of("readonly", "sales", "service", "marketing", "legal", "finance");
    static final Duration FRESHNESS = Duration.ofSeconds(30);

    @Inject
    Instance<GuardedType> declared;

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    Caller caller;

    private final Map<String, GuardedType> byName = new LinkedHashMap<>();
    private final Map<String, GuardedType> byScope = new HashMap<>();

    /** The tenant's own rows, by role then type. */
    private final Cache<String, Map<String, Map<String, Access>>> tenantRows = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(FRESHNESS).build();

    @PostConstruct
    void init() {
        declared.forEach(t -> {
            byName.put(t.name(), t);
            byScope.put(t.scope(), t);
        });
    }

    public List<GuardedType> types() {
        return List.copyOf(byName.values());
    }

    public Optional<GuardedType> type(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Whether the caller's roles allow a scope of a governed type ({@code contacts:read}), or
     * empty when the scope is not about a governed type and other rules decide.
     */
    @Override
    public Optional<Boolean> allowsScope(String scope) {
        int colon = scope.indexOf(':');
        GuardedType type = colon < 0 ? null : byScope.get(scope.substring(0, colon));
        if (type == null) {
            return Optional.empty();
        }
        Access access = effective(type);
        return Optional.of(scope.endsWith(":write") ? access.write() : access.read());
    }

    /** The governed types the caller may not read at all, by name (none for admins). */
    public Set<String> unreadableTypes() {
        Set<String> out = new HashSet<>();
        byName.values().stream().filter(t -> !effective(t).read()).forEach(t -> out.add(t.name()));
        return out;
    }

    /** The fields of a type the caller may not see (empty for admins and for a contact seeing itself). */
    public Set<String> hiddenFields(String typeName) {
        GuardedType type = byName.get(typeName);
        return type == null ? Set.of() : effective(type).hiddenFields();
    }

    private static final ThreadLocal<Boolean> AS_SUBJECT = ThreadLocal.withInitial(() -> false);

    /**
     * Runs work that renders a person's data as that person sees it (nothing hidden, as for a contact seeing itself):
     * a data-subject access export is the person's complete copy, whoever asked for it to be made. Who may then read
     * it is a separate check ({@link #seesEverything}).
     */
    public static <T> T asTheSubject(java.util.function.Supplier<T> work) {
        boolean before = AS_SUBJECT.get();
        AS_SUBJECT.set(true);
        try {
            return work.get();
        } finally {
            AS_SUBJECT.set(before);
        }
    }

    /** Whether the caller may read every governed type with no field hidden: the bar for reading a complete copy of someone's data. */
    public boolean seesEverything() {
        return byName.values().stream().allMatch(t -> {
            Access access = effective(t);
            return access.read() && access.hiddenFields().isEmpty();
        });
    }

    /** The caller's access: full for admin; otherwise what any of its roles allows, hiding only what all of them hide. */
    Access effective(GuardedType type) {
        if (caller.hasRole("admin") || caller.portalContact() != null || AS_SUBJECT.get()) {
            return Access.READ_WRITE;
        }
        boolean read = false;
        boolean write = false;
        Set<String> hidden = null;
        for (String role : EDITABLE_ROLES) {
            if (!caller.hasRole(role)) {
                continue;
            }
            Access access = accessOf(role, type);
            write |= access.write();
            if (access.read()) {
                read = true;
                if (hidden == null) {
                    hidden = new HashSet<>(access.hiddenFields());
                } else {
                    hidden.retainAll(access.hiddenFields());
                }
            }
        }
        return new Access(read, write, hidden == null ? Set.of() : hidden);
    }

    private Access accessOf(String role, GuardedType type) {
        Access set = rows().getOrDefault(role, Map.of()).get(type.name());
        return set != null ? set : type.defaults().getOrDefault(role, "readonly".equals(role) ? Access.READ : Access.NONE);
    }

    private Map<String, Map<String, Access>> rows() {
        String tenant = TenantContext.current();
        if (tenant == null) {
            return Map.of();
        }
        return tenantRows.get(tenant, t -> load());
    }

    private Map<String, Map<String, Access>> load() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select role, object_type, can_read, can_write, hidden_fields from access_policy where tenant_id = ?1")
                .setParameter(1, TenantContext.current()).getResultList();
        Map<String, Map<String, Access>> byRole = new HashMap<>();
        for (Object[] r : rows) {
            byRole.computeIfAbsent((String) r[0], k -> new HashMap<>())
                    .put((String) r[1], new Access((Boolean) r[2], (Boolean) r[3], Set.of((String[]) r[4])));
        }
        return byRole;
    }

    // --- the policy as a resource

    /** One role's access to one type, as the API shows and takes it. */
    public record Entry(String role, String objectType, boolean read, boolean write, List<String> hiddenFields) {
    }

    @RequiresScope("access-policy:admin")
    public List<Entry> policy() {
        List<Entry> entries = new ArrayList<>();
        for (String role : EDITABLE_ROLES) {
            for (GuardedType type : byName.values()) {
                Access a = accessOf(role, type);
                entries.add(new Entry(role, type.name(), a.read(), a.write(), a.hiddenFields().stream().sorted().toList()));
            }
        }
        return entries;
    }

    @Transactional
    @RequiresScope("access-policy:admin")
    public Entry set(String role, String typeName, Boolean read, Boolean write, List<String> hiddenFields) {
        if (!EDITABLE_ROLES.contains(role)) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "role", "invalid_value",
                    "One of: " + String.join(", ", EDITABLE_ROLES) + " (admin always has full access)");
        }
        GuardedType type = byName.get(typeName);
        if (type == null) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "objectType", "invalid_value",
                    "One of: " + String.join(", ", byName.keySet()));
        }
        if (read == null || write == null) {
            throw new TorreException(ErrorCode.VALIDATION, "read and write are required",
                    List.of(new FieldError(read == null ? "read" : "write", "required", "true or false")));
        }
        List<String> hidden = hiddenFields == null ? List.of() : hiddenFields;
        for (String field : hidden) {
            if (!type.fields().contains(field)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "hiddenFields", "unknown_field",
                        "'" + field + "' is not a field of " + typeName + "; fields: " + String.join(", ", type.fields()));
            }
        }
        if (write && !read) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "write", "needs_read", "A role that writes must also read");
        }
        Instant now = clock.now();
        UUID id = (UUID) em.createNativeQuery("""
                insert into access_policy (tenant_id, id, role, object_type, can_read, can_write, hidden_fields, version, created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?8)
                on conflict (tenant_id, role, object_type) do update set can_read = excluded.can_read,
                    can_write = excluded.can_write, hidden_fields = excluded.hidden_fields,
                    version = access_policy.version + 1, updated_at = excluded.updated_at
                returning id
                """)
                .setParameter(1, TenantContext.current()).setParameter(2, Ids.next()).setParameter(3, role)
                .setParameter(4, typeName).setParameter(5, read).setParameter(6, write)
                .setParameter(7, hidden.stream().distinct().sorted().toArray(String[]::new)).setParameter(8, now)
                .getSingleResult();
        Entry entry = new Entry(role, typeName, read, write, hidden.stream().distinct().sorted().toList());
        events.append("access_policy", id, "updated", Map.of("role", role, "objectType", typeName, "read", read,
                "write", write, "hiddenFields", entry.hiddenFields()));
        tenantRows.invalidate(TenantContext.current());
        return entry;
    }
}
