package dev.torre.platform.persistence;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.torre.platform.query.FieldRegistry;

/**
 * A record store whose kind of record is described once, by a {@link Kind}, instead of by one override per fact
 * (label, entity, table, input, keys, indexes): every store of a record type, with or without the full set of
 * public record operations of {@link RecordService}, reads its names from the same description.
 *
 * @param <E> the entity
 * @param <I> its input record
 */
public abstract class DescribedStore<E extends TenantEntity, I> extends RecordStore<E, I> {

    /**
     * What the platform needs to know of a kind of record.
     *
     * @param label         the event and error name, e.g. {@code product}
     * @param table         the entity's table
     * @param scopes        the scope family, e.g. {@code products}
     * @param path          the collection's path, e.g. {@code /v1/products}: Location headers and batch errors name it
     * @param fields        what lists may filter and sort on (null for a kind without filtered lists)
     * @param keys          the unique keys besides id, in the order duplicates are reported
     * @param uniqueIndexes unique indexes by name, with the API field each protects
     */
    public record Kind<E, I>(String label, Class<E> entityType, Supplier<E> newEntity, Class<I> inputType, String table,
            String scopes, String path, FieldRegistry<E> fields, List<Key<E, I>> keys, Map<String, String> uniqueIndexes) {
    }

    protected abstract Kind<E, I> kind();

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
}
