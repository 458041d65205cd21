package dev.torre.platform.persistence;

import dev.torre.platform.persistence.BatchUpsert;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.TenantEntity;

/**
 * What a capability tells {@link BatchUpsert} about its records: how to find them by a
 * key, how to read and normalise their input, and how to create or change one.
 *
 * @param <E> the entity
 * @param <I> its input record
 */
public interface Upsertable<E extends TenantEntity, I> {

    Class<I> inputType();

    /** The keys a batch may match on; the first unique fields are also checked for duplicates. */
    Map<String, Function<I, Object>> uniqueKeys();

    /** The key of a stored record, normalised as {@link #normaliseKey} does. */
    Object keyOf(E entity, String key);

    /** Turns a key value sent by the caller into the stored form (e.g. lower-case email). */
    Object normaliseKey(String key, String raw);

    /** Records holding any of these key values, one query; archived ones too where the key stays reserved. */
    List<E> findByKey(String key, Collection<Object> values);

    I inputOf(E entity);

    /**
     * Claims unique values (by key name, in stored form) for this transaction before they are
     * checked, so that a concurrent writer of the same value waits rather than collides.
     */
    void claimKeys(Map<String, ? extends Collection<?>> valuesByKey);

    /** Normalises and checks an input beyond Bean Validation; throws for a bad one. */
    I normalise(I input);

    /**
     * Normalises the next state of a stored record. By default exactly as a new input; a record
     * whose stored state holds what may no longer be valid for a new one (an order's archived
     * product) checks only what the change touches.
     */
    default I normaliseChange(E stored, I next) {
        return normalise(next);
    }

    /** Refuses a change the record's rules forbid from its current state (e.g. a status going back); throws. */
    default void checkChange(E stored, I next) {
    }

    /** Checks references of many inputs at once; returns the failures by position. */
    Map<Integer, TorreException> checkReferences(Map<Integer, I> inputs);

    /**
     * Refuses new records (by position) that look like active ones already stored, naming them ({@link OnDuplicate});
     * it first claims what it compares, as {@link #claimKeys} does, so two concurrent creates of one person take turns
     * and the second finds the first. Kinds without such a rule refuse nothing.
     */
    default Map<Integer, TorreException> likelyDuplicates(Map<Integer, I> fresh) {
        return Map.of();
    }

    /** Persists a new record and records its event (the flush comes later). */
    E insert(I input);

    /**
     * Persists new records and records their events, answering them in input order (each with its id and version).
     * By default one {@link #insert} each; a kind written in bulk (contacts from imports) does it in a few statements.
     */
    default List<E> insertAll(List<I> inputs) {
        return inputs.stream().map(this::insert).toList();
    }

    /** Applies an input to a stored record and records its event; false when nothing changed. */
    boolean change(E entity, I input);
}
