package dev.torre.platform.rest;

import dev.torre.platform.http.ETags;
import dev.torre.platform.idempotency.Outcome;
import dev.torre.platform.query.Page;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.persistence.OnDuplicate;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.query.ListRequest;

/**
 * What the REST endpoints of a kind of record do, written once: create honouring an
 * Idempotency-Key and answering 201 with Location and ETag, read with ETag and 304,
 * change by JSON Merge Patch with If-Match, archive, restore, list and batch upsert.
 * {@link RecordResource} declares them all; a resource that offers only some, or documents
 * them in its own words, extends this and declares its endpoints as one-line calls.
 * Idempotency keys are kept per operation named after the collection ({@code products.create}).
 *
 * @param <V> the record's view
 * @param <I> its input
 */
public abstract class RecordEndpoints<V, I> {

    private final RecordService<?, I, V> records;
    private final Function<V, UUID> id;
    private final ToLongFunction<V> version;
    private final String name;

    @Inject
    Idempotency idempotency;

    protected RecordEndpoints(RecordService<?, I, V> records, Function<V, UUID> id, ToLongFunction<V> version) {
        this.records = records;
        this.id = id;
        this.version = version;
        this.name = records.path().substring(records.path().lastIndexOf('/') + 1);
    }

    protected RestResponse<V> created(String idempotencyKey, I input) {
        return created(idempotencyKey, null, input);
    }

    /** A create that may be told to go ahead when the record looks like a stored one; the choice is part of what a key guards. */
    protected RestResponse<V> created(String idempotencyKey, String onDuplicate, I input) {
        OnDuplicate choice = OnDuplicate.parse(onDuplicate);
        Object request = choice == OnDuplicate.REJECT ? input : java.util.Map.of("onDuplicate", "create", "input", input);
        return idempotency.execute(idempotencyKey, name + ".create", request, () -> {
            V view = records.create(input, choice);
            return Outcome.created(records.path() + "/" + id.apply(view), version.applyAsLong(view), view);
        }).toRestResponse();
    }

    protected RestResponse<V> read(UUID id, String ifNoneMatch) {
        return readable(records.get(id), ifNoneMatch);
    }

    protected RestResponse<V> changed(UUID id, String ifMatch, JsonNode patch) {
        return readable(records.update(id, patch, ETags.expectedVersion(ifMatch)), null);
    }

    protected void archived(UUID id) {
        records.archive(id);
    }

    protected RestResponse<V> restored(UUID id) {
        return readable(records.restore(id), null);
    }

    protected Page<V> listed(ListRequest request) {
        return records.list(request);
    }

    protected Response upserted(String idempotencyKey, BatchRequest batch) {
        return idempotency.execute(idempotencyKey, name + ".batch", batch, () -> Outcome.ok(records.batchUpsert(batch))).toResponse();
    }

    private RestResponse<V> readable(V view, String ifNoneMatch) {
        return Responses.tagged(view, version.applyAsLong(view), ifNoneMatch);
    }
}
