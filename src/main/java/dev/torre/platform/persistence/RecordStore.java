package dev.torre.platform.persistence;

import dev.torre.platform.time.ServerClock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.jpa.HibernateHints;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.Changes;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.tenancy.TenantContext;

/**
 * How a capability's service keeps its records, written once: find, create, change by
 * merge patch, archive, restore — each write with its event — and the lookups by unique
 * key that single writes and batches share. A service extends it, declares its keys and
 * how an input applies to its entity, and keeps its own rules and public operations.
 *
 * @param <E> the entity
 * @param <I> its input record (the writable fields)
 */
public abstract class RecordStore<E extends TenantEntity, I> implements Upsertable<E, I> {

    @Inject
    protected ServerClock clock;

    /**
     * A unique key callers may match on besides id.
     *
     * @param column     the column, e.g. {@code external_id}
     * @param activeOnly whether archived records give the value up (email, domain) or keep it (externalId)
     * @param lowercase  whether values are stored lower-case
     */
    public record Key<E, I>(String name, String column, boolean activeOnly, boolean lowercase,
            Function<E, Object> ofEntity, Function<I, Object> ofInput) {
    }

    @Inject
    protected EntityManager em;

    @Inject
    protected EventLog events;

    @Inject
    protected Inputs inputs;

    @Inject
    protected dev.torre.platform.config.TorreConfig config;

    /** The event and error name of the record, e.g. {@code contact}. */
    protected abstract String label();

    protected abstract Class<E> entityType();

    /** The entity's table. */
    protected abstract String table();

    protected abstract E newEntity();

    /** Copies a normalised input onto the entity. */
    protected abstract void apply(E entity, I input);

    /** The unique keys besides id, in the order duplicates are reported. */
    protected abstract List<Key<E, I>> keys();

    /** Unique indexes by name, with the API field each protects. */
    protected abstract Map<String, String> uniqueIndexes();

    /**
     * The record, or 404. Inside a transaction, Hibernate's managed load, which sees what the transaction already
     * holds. Outside one (a read), one native statement loading it read-only: while the tenant filter is enabled,
     * Hibernate's load by id builds a new loader and its SQL on every call (a fifth of a GET's CPU), and nothing
     * read outside a transaction is written back.
     */
    protected E find(UUID id) {
        if (em.isJoinedToTransaction()) {
            return Records.find(em, entityType(), id, capitalised());
        }
        @SuppressWarnings("unchecked")
        List<E> found = em.createNativeQuery("select e.* from " + table() + " e where e.tenant_id = ?1 and e.id = ?2", entityType())
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setParameter(1, TenantContext.current())
                .setParameter(2, id)
                .getResultList();
        if (found.isEmpty()) {
            throw TorreException.notFound(capitalised() + " " + id);
        }
        return found.get(0);
    }

    protected void flush() {
        Writes.flush(em, uniqueIndexes());
    }

    /**
     * Copies values derived elsewhere (a score, a prediction) into one column of these records, in one statement.
     * Derived data writes no event of the record, but a changed value bumps its version, so that its ETag changes
     * and a conditional GET never answers 304 over a new value. A null value clears the column.
     *
     * @param column  the column, a trusted name
     * @param sqlType the column's SQL type, for the array the values travel in (e.g. {@code numeric})
     */
    protected void storeDerived(String column, String sqlType, UUID[] ids, Object[] values) {
        if (ids.length == 0) {
            return;
        }
        lockInIdOrder(ids);
        em.createNativeQuery("""
                update %1$s r set %2$s = v.value, version = r.version + 1
                from unnest(cast(?2 as uuid[]), cast(?3 as %3$s[])) as v(id, value)
                where r.tenant_id = ?1 and r.id = v.id and r.%2$s is distinct from v.value
                """.formatted(table(), column, sqlType))
                .setParameter(1, TenantContext.current())
                .setParameter(2, ids)
                .setParameter(3, values)
                .executeUpdate();
    }

    /**
     * Locks these records in id order. Statements that update many rows of a table at once take their row locks in
     * whatever order the plan visits them; two of them over overlapping rows in different orders deadlock. Locking
     * first in one order, the same for all of them, makes the second wait for the first instead. The lock is the one
     * an update takes ({@code for no key update}), which leaves alone the key-share locks that inserts referring to
     * these records hold: taking a stronger one would itself deadlock with a concurrent insert's. Answers the
     * versions the locked rows have, so a caller holding an older copy knows to read it again.
     */
    protected Map<UUID, Long> lockInIdOrder(UUID[] ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select r.id, r.version from %s r where r.tenant_id = ?1 and r.id = any(?2) order by r.id for no key update"
                        .formatted(table())).setParameter(1, TenantContext.current()).setParameter(2, ids).getResultList();
        Map<UUID, Long> versions = new LinkedHashMap<>();
        rows.forEach(r -> versions.put((UUID) r[0], ((Number) r[1]).longValue()));
        return versions;
    }

    @Override
    public void claimKeys(Map<String, ? extends Collection<?>> valuesByKey) {
        KeyClaims.claim(em, table(), valuesByKey, config.db().keyClaimWait());
    }

    /** Up to this many new records, a look-alike check claims the values it compares (see {@link #claimLookAlikes}). */
    static final int LOOK_ALIKE_CLAIMS_UP_TO = 20;

    /**
     * Claims the values a look-alike check of {@code records} new records compares, when they are few. Claims serialise
     * concurrent creates of one person: each value is an advisory lock held to the commit, and a batch of 1,000 would
     * take thousands more beside its unique keys' (eight such batches at once ran PostgreSQL's lock table out, "out of
     * shared memory"). A larger batch is checked against what is stored, unclaimed; the duplicate-pairs worker catches
     * what two concurrent batches create alike.
     */
    protected void claimLookAlikes(int records, Map<String, ? extends Collection<?>> valuesByKey) {
        if (records <= LOOK_ALIKE_CLAIMS_UP_TO) {
            claimKeys(valuesByKey);
        }
    }

    /** Claims the unique values of an input that a stored record ({@code null}: none) does not hold already. */
    private void claimNewKeys(E stored, I input) {
        Map<String, List<Object>> fresh = new LinkedHashMap<>();
        for (Key<E, I> key : keys()) {
            Object value = key.ofInput().apply(input);
            if (value != null && (stored == null || !value.equals(key.ofEntity().apply(stored)))) {
                fresh.put(key.name(), List.of(value));
            }
        }
        if (!fresh.isEmpty()) {
            claimKeys(fresh);
        }
    }

    /** A single create that refuses a likely duplicate (see {@link OnDuplicate}). */
    protected E createOne(I input) {
        return createOne(input, OnDuplicate.REJECT);
    }

    /** A single create: normalise, check references, claim the unique values, refuse a likely duplicate unless told, insert, flush. */
    protected E createOne(I input, OnDuplicate onDuplicate) {
        I normalised = normalise(input);
        throwFirst(checkReferences(Map.of(0, normalised)));
        claimNewKeys(null, normalised);
        if (onDuplicate == OnDuplicate.REJECT) {
            throwFirst(likelyDuplicates(Map.of(0, normalised)));
        }
        E entity = insert(normalised);
        flush();
        return entity;
    }

    /** A single change: JSON Merge Patch applied to the current state, checked as a change of it ({@link #normaliseChange}). */
    protected E updateOne(UUID id, JsonNode mergePatch, Long expectedVersion) {
        E entity = find(id);
        Records.checkWritable(entity, expectedVersion, label());
        I next = normaliseChange(entity, inputs.patch(inputOf(entity), mergePatch, inputType()));
        checkChange(entity, next);
        if (referencesChanged(entity, next)) {
            throwFirst(checkReferences(Map.of(0, next)));
        }
        claimNewKeys(entity, next);
        change(entity, next);
        flush();
        return entity;
    }

    /** Views of the records with these ids, for batched loading; missing ids are simply absent. */
    /** Which of these ids name records of the current tenant (archived ones included), in one query. */
    public Set<UUID> existing(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select e.id from " + entityType().getSimpleName() + " e where e.id in :ids", UUID.class)
                .setParameter("ids", ids).getResultList());
    }

    protected <V> Map<UUID, V> viewsByIds(Collection<UUID> ids, Function<E, V> view) {
        Map<UUID, V> found = new LinkedHashMap<>();
        findByKey("id", List.copyOf(ids)).forEach(e -> found.put(e.id, view.apply(e)));
        return found;
    }

    /**
     * Whether a change points at other records than before; references already held were
     * checked when they were set (records are archived, never deleted), so only new ones cost a lookup.
     */
    protected boolean referencesChanged(E entity, I next) {
        return true;
    }

    protected void archiveOne(UUID id) {
        if (Records.archive(find(id), events, label(), clock.now())) {
            flush();
        }
    }

    protected E restoreOne(UUID id) {
        E entity = find(id);
        if (Records.restore(entity, events, label())) {
            flush();
        }
        return entity;
    }

    @Override
    public E insert(I input) {
        E entity = newEntity();
        if (entity.id == null) { // a kind may need its id before the insert (to bind a sealed secret to it)
            entity.id = Ids.next();
        }
        I stored = stored(entity, input);
        apply(entity, stored);
        em.persist(entity);
        events.append(label(), entity.id, "created", Map.of("data", inputs.tree(stored)));
        return entity;
    }

    @Override
    public boolean change(E entity, I input) {
        I stored = stored(entity, input);
        I current = inputOf(entity);
        if (current.equals(stored)) {
            return false; // equal records make equal trees: the common case of a file imported again, without two trees
        }
        JsonNode before = inputs.tree(current);
        JsonNode after = inputs.tree(stored);
        if (before.equals(after)) {
            return false;
        }
        apply(entity, stored);
        Map<String, Object> payload = new LinkedHashMap<>(updateContext(entity));
        payload.put("changes", Changes.between(before, after));
        events.append(label(), entity.id, "updated", payload);
        return true;
    }

    /**
     * Top-level values an {@code updated} event carries besides its changes, naming what the record belongs to
     * (an interaction's contact), so that readers of the log can tell whom a change concerns without a lookup.
     */
    protected Map<String, Object> updateContext(E entity) {
        return Map.of();
    }

    /**
     * The input as this record will store it. A record type with custom properties seals its
     * sensitive ones here, where the record's id is known, since a sealed value is bound to it.
     */
    protected I stored(E entity, I input) {
        return input;
    }

    @Override
    public Map<String, Function<I, Object>> uniqueKeys() {
        Map<String, Function<I, Object>> byName = new LinkedHashMap<>();
        keys().forEach(k -> byName.put(k.name(), k.ofInput()));
        return byName;
    }

    @Override
    public Object keyOf(E entity, String key) {
        return "id".equals(key) ? entity.id : key(key).ofEntity().apply(entity);
    }

    @Override
    public Object normaliseKey(String key, String raw) {
        return key(key).lowercase() ? raw.trim().toLowerCase(Locale.ROOT) : raw.trim();
    }

    /**
     * One statement whatever the number of values: they are bound as one array, so the
     * statement text (and its prepared plan) is the same for 1 value or 1000.
     */
    @Override
    public List<E> findByKey(String key, Collection<Object> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        boolean byId = "id".equals(key);
        String condition = byId ? "e.id = any(?2)"
                : "e." + key(key).column() + " = any(?2)" + (key(key).activeOnly() ? " and e.archived_at is null" : "");
        Object array = byId ? values.toArray(UUID[]::new) : values.toArray(String[]::new);
        jakarta.persistence.Query query = em.createNativeQuery("select e.* from " + table() + " e where e.tenant_id = ?1 and " + condition, entityType());
        Records.readHints(em).forEach(query::setHint);
        @SuppressWarnings("unchecked")
        List<E> found = query.setParameter(1, TenantContext.current())
                .setParameter(2, array)
                .getResultList();
        return found;
    }

    private Key<E, I> key(String name) {
        return keys().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No key " + name));
    }

    private String capitalised() {
        return Character.toUpperCase(label().charAt(0)) + label().substring(1);
    }

    private static void throwFirst(Map<Integer, TorreException> failures) {
        failures.values().stream().findFirst().ifPresent(e -> {
            throw e;
        });
    }

    /** Trims text and treats blank as absent. */
    protected static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
