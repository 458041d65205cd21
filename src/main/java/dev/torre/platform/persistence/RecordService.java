package dev.torre.platform.persistence;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.security.ScopeFamily;

/**
 * The public operations every kind of record offers, written once: create, read, change,
 * archive, restore, list and batch upsert (each write in one transaction), all behind the
 * service's {@link ScopeFamily} read or write scope. A service declares what it is (its
 * {@link Kind}) and how its entity is shown ({@link #view}), and adds its own rules by
 * overriding the steps ({@code createOne}, {@code updateOne}, {@code archiveOne},
 * {@code restoreOne}, {@link #upsertAll}, {@link #page}) rather than the public operations:
 * an override would lose their {@code @Valid}, which Bean Validation does not let a
 * subclass declare again.
 *
 * @param <E> the entity
 * @param <I> its input record
 * @param <V> its view record
 */
@RetriesConcurrency
public abstract class RecordService<E extends TenantEntity, I, V> extends DescribedStore<E, I> implements ScopeFamily {

    @Inject
    protected Lists lists;

    @Inject
    protected BatchUpsert batches;

    /** The entity as the API shows it. */
    protected abstract V view(E entity);

    /** What other code may know of this kind: its event name, table and filterable fields (webhook filters). */
    public record RecordType(String label, String table, FieldRegistry<?> fields) {
    }

    public RecordType recordType() {
        return new RecordType(kind().label(), kind().table(), kind().fields());
    }

    public String path() {
        return kind().path();
    }

    @Override
    public String scopeFamily() {
        return kind().scopes();
    }

    @Transactional
    @RequiresScope("write")
    public V create(@Valid I input) {
        return view(createOne(input));
    }

    /** A create that says what to do when the record looks like a stored one (see {@link OnDuplicate}). */
    @Transactional
    @RequiresScope("write")
    public V create(@Valid I input, OnDuplicate onDuplicate) {
        return view(onDuplicate == OnDuplicate.REJECT ? createOne(input) : createOne(input, onDuplicate));
    }

    @RequiresScope("read")
    public V get(UUID id) {
        return view(find(id));
    }

    @Transactional
    @RequiresScope("write")
    public V update(UUID id, JsonNode mergePatch, Long expectedVersion) {
        return view(updateOne(id, mergePatch, expectedVersion));
    }

    @Transactional
    @RequiresScope("write")
    public void archive(UUID id) {
        archiveOne(id);
    }

    @Transactional
    @RequiresScope("write")
    public V restore(UUID id) {
        return view(restoreOne(id));
    }

    @RequiresScope("read")
    public Page<V> list(ListRequest request) {
        return page(request, SqlFragment.EMPTY);
    }

    @Transactional
    @RequiresScope("write")
    public BatchResult batchUpsert(@Valid BatchRequest request) {
        return upsertAll(request);
    }

    /** Up to 1000 records in one transaction; a service overrides it to prepare the items or follow up once for all. */
    protected BatchResult upsertAll(BatchRequest request) {
        return batches.run(this, request, uniqueIndexes(), path() + "/batch/upsert");
    }

    /** One page of the active records, narrowed by the caller's extra condition. */
    protected Page<V> page(ListRequest request, SqlFragment scope) {
        return lists.page(entityType(), table(), kind().fields(), request, scope).map(this::view);
    }
}
