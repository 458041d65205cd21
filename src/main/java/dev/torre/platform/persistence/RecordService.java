package dev.torre.platform.persistence;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

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
public abstract class RecordService<E extends TenantEntity, I, V> extends RecordStore<E, I> implements ScopeFamily {

    @Inject
    protected Lists lists;

    @Inject
    protected BatchUpsert batches;

    /**
     * What the platform needs to know of a kind of record.
     *
     * @param label         the event and error name, e.g. {@code product}
     * @param table         the entity's table
     * @param scopes        the {@link ScopeFamily}, e.g. {@code products}
     * @param path          the collection's path, e.g. {@code /v1/products}: Location headers and batch errors name it
     * @param fields        what lists may filter and sort on
     * @param keys          the unique keys besides id, in the order duplicates are reported
     * @param uniqueIndexes unique indexes by name, with the API field each protects
     */
    public record Kind<E, I>(String label, Class<E> entityType, Supplier<E> newEntity, Class<I> inputType, String table,
            String scopes, String path, FieldRegistry<E> fields, List<Key<E, I>> keys, Map<String, String> uniqueIndexes) {
    }

    protected abstract Kind<E, I> kind();

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

    @Override
    public Class<I> inputType() {
        return kind().inputType();
    }

    @Override
    protected String label() {
        return kind().label();
    }

    @Override
    protected Class<E> entityType() {
        return kind().entityType();
    }

    @Override
    protected String table() {
        return kind().table();
    }

    @Override
    protected E newEntity() {
        return kind().newEntity().get();
    }

    @Override
    protected List<Key<E, I>> keys() {
        return kind().keys();
    }

    @Override
    protected Map<String, String> uniqueIndexes() {
        return kind().uniqueIndexes();
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
