package dev.torre.platform.persistence;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.batch.ItemResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Failures;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.persistence.TenantEntity;
import dev.torre.platform.persistence.Writes;

/**
 * Creates or updates up to 1000 records in one transaction, with one result per item.
 * Every check that could fail one item is made before anything is written — key lookups,
 * duplicates inside the batch and against stored records, references — each as one
 * query for the whole batch, so a bad item never sinks the others and the writes go out
 * in JDBC batches. An item that matches a stored record is merged into it (fields it
 * leaves out keep their values), as a merge patch would.
 */
@ApplicationScoped
public class BatchUpsert {

    @Inject
    Inputs inputs;

    @Inject
    EntityManager em;

    @Transactional
    public <E extends TenantEntity, I> BatchResult run(Upsertable<E, I> target, BatchRequest request,
            Map<String, String> uniqueIndexes, String instance) {
        String matchOn = request.matchOn();
        Map<String, Function<I, Object>> keys = target.uniqueKeys();
        if (!keys.containsKey(matchOn) && !"id".equals(matchOn)) {
            throw new TorreException(ErrorCode.VALIDATION, "matchOn must be one of: id, " + String.join(", ", keys.keySet()),
                    List.of(new FieldError("matchOn", "invalid_value", "Not a key of this collection")));
        }
        List<JsonNode> items = request.items();
        int n = items.size();
        Object[] matchKeys = new Object[n];
        TorreException[] errors = new TorreException[n];
        for (int i = 0; i < n; i++) {
            try {
                matchKeys[i] = matchKeyOf(target, matchOn, items.get(i));
            } catch (RuntimeException e) {
                errors[i] = known(e);
            }
        }

        refuseRepeatedMatches(matchOn, matchKeys, errors);
        target.claimKeys(keyValues(target, items, errors));

        Map<Object, E> stored = index(target.findByKey(matchOn, present(matchKeys)), e -> target.keyOf(e, matchOn));
        List<E> current = new ArrayList<>(n);
        Map<Integer, I> ready = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            current.add(errors[i] == null ? stored.get(matchKeys[i]) : null);
            if (errors[i] != null) {
                continue;
            }
            try {
                ready.put(i, readItem(target, matchOn, items.get(i), current.get(i)));
            } catch (RuntimeException e) {
                errors[i] = known(e);
            }
        }

        checkUniqueKeys(target, ready, current, errors, matchOn, matchKeys);
        if (OnDuplicate.parse(request.onDuplicate()) == OnDuplicate.REJECT) {
            Map<Integer, I> fresh = new LinkedHashMap<>();
            ready.forEach((i, input) -> {
                if (current.get(i) == null) {
                    fresh.put(i, input);
                }
            });
            if (!fresh.isEmpty()) {
                target.likelyDuplicates(fresh).forEach((i, e) -> fail(ready, errors, i, e));
            }
        }
        target.checkReferences(ready).forEach((i, e) -> {
            errors[i] = e;
            ready.remove(i);
        });

        ItemResult.Status[] statuses = new ItemResult.Status[n];
        List<E> written = new ArrayList<>(current);
        List<Integer> freshAt = new ArrayList<>();
        List<I> fresh = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            E entity = current.get(i);
            I input = ready.get(i);
            if (input == null) {
                statuses[i] = ItemResult.Status.error;
            } else if (entity == null) {
                freshAt.add(i);
                fresh.add(input);
                statuses[i] = ItemResult.Status.created;
            } else {
                statuses[i] = target.change(entity, input) ? ItemResult.Status.updated : ItemResult.Status.unchanged;
            }
        }
        if (!fresh.isEmpty()) {
            List<E> inserted = Writes.guarded(uniqueIndexes, () -> target.insertAll(fresh));
            for (int k = 0; k < freshAt.size(); k++) {
                written.set(freshAt.get(k), inserted.get(k));
            }
        }
        Writes.flush(em, uniqueIndexes);

        List<ItemResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (statuses[i] == ItemResult.Status.error) {
                TorreException e = Objects.requireNonNull(errors[i]);
                results.add(new ItemResult(i, statuses[i], null, null, Problem.of(e, instance + "#/items/" + i)));
            } else {
                E entity = written.get(i);
                results.add(new ItemResult(i, statuses[i], entity.id, entity.version, null));
            }
        }
        return BatchResult.of(results);
    }

    private <E extends TenantEntity, I> Object matchKeyOf(Upsertable<E, I> target, String matchOn, JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new TorreException(ErrorCode.VALIDATION, "Each item must be a JSON object");
        }
        JsonNode key = item.get(matchOn);
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, matchOn, "required",
                    "Each item must carry '" + matchOn + "' to match on");
        }
        if ("id".equals(matchOn)) {
            try {
                return UUID.fromString(key.asText());
            } catch (IllegalArgumentException e) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "id", "invalid_type", "'id' is not a UUID");
            }
        }
        return target.normaliseKey(matchOn, key.asText());
    }

    private <E extends TenantEntity, I> I readItem(Upsertable<E, I> target, String matchOn, JsonNode item, E stored) {
        JsonNode body = item;
        if ("id".equals(matchOn)) {
            if (stored == null) {
                throw TorreException.notFound("Record " + item.get("id").asText());
            }
            body = ((ObjectNode) item).deepCopy();
            ((ObjectNode) body).remove("id");
        }
        if (stored != null && stored.archived()) {
            throw new TorreException(ErrorCode.CONFLICT, "The matching record is archived; restore it first");
        }
        I input = stored == null ? inputs.read(body, target.inputType()) : inputs.patch(target.inputOf(stored), body, target.inputType());
        if (stored == null) {
            return target.normalise(input);
        }
        I normalised = target.normaliseChange(stored, input);
        target.checkChange(stored, normalised);
        return normalised;
    }

    /**
     * One record, one item: a second item matching the same key would be read against the
     * record as stored, not as the first item leaves it, and the two would silently undo each
     * other. The second is refused as a duplicate in the batch; the first is applied.
     */
    private static void refuseRepeatedMatches(String matchOn, Object[] matchKeys, TorreException[] errors) {
        Map<Object, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < matchKeys.length; i++) {
            if (errors[i] == null) {
                Integer earlier = firstUse.putIfAbsent(matchKeys[i], i);
                if (earlier != null) {
                    errors[i] = new TorreException(ErrorCode.CONFLICT, "Item " + earlier + " of this batch already matches this "
                            + matchOn + "; send one item per record",
                            List.of(new FieldError(matchOn, "duplicate", "Repeated within the batch")));
                }
            }
        }
    }

    /** The unique values the items carry, by key, in stored form: what this batch will check and may write. */
    private static <E extends TenantEntity, I> Map<String, List<Object>> keyValues(Upsertable<E, I> target, List<JsonNode> items,
            TorreException[] errors) {
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (String key : target.uniqueKeys().keySet()) {
            List<Object> ofKey = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode value = errors[i] == null ? items.get(i).get(key) : null;
                if (value != null && value.isTextual() && !value.asText().isBlank()) {
                    ofKey.add(target.normaliseKey(key, value.asText()));
                }
            }
            values.put(key, ofKey);
        }
        return values;
    }

    /** Refuses an item whose unique key repeats an earlier item's or belongs to another stored record. */
    private <E extends TenantEntity, I> void checkUniqueKeys(Upsertable<E, I> target, Map<Integer, I> ready, List<E> current,
            TorreException[] errors, String matchOn, Object[] matchKeys) {
        for (Map.Entry<String, Function<I, Object>> key : target.uniqueKeys().entrySet()) {
            Map<Object, Integer> firstUse = new HashMap<>();
            for (Map.Entry<Integer, I> item : List.copyOf(ready.entrySet())) {
                Object value = key.getValue().apply(item.getValue());
                if (value != null && firstUse.putIfAbsent(value, item.getKey()) != null) {
                    fail(ready, errors, item.getKey(), duplicateInBatch(key.getKey(), firstUse.get(value)));
                }
            }
            // Only values a record would newly take can belong to another one: a value the matched record holds
            // already is its own (the unique index allows no second holder), so a file sent again looks nothing up;
            // and the value an item was matched on was looked up already, under its claim, by the match itself.
            boolean matchedOn = key.getKey().equals(matchOn);
            List<Object> taken = new ArrayList<>();
            firstUse.forEach((value, i) -> {
                boolean looked = matchedOn && value.equals(matchKeys[i]);
                if (!looked && (current.get(i) == null || !value.equals(target.keyOf(current.get(i), key.getKey())))) {
                    taken.add(value);
                }
            });
            if (taken.isEmpty()) {
                continue;
            }
            for (E owner : target.findByKey(key.getKey(), taken)) {
                Integer i = firstUse.get(target.keyOf(owner, key.getKey()));
                if (i != null && ready.containsKey(i) && (current.get(i) == null || !current.get(i).id.equals(owner.id))) {
                    fail(ready, errors, i, Writes.duplicate(key.getKey()));
                }
            }
        }
    }

    private static <I> void fail(Map<Integer, I> ready, TorreException[] errors, int i, TorreException e) {
        ready.remove(i);
        errors[i] = e;
    }

    private static TorreException duplicateInBatch(String field, int earlier) {
        return new TorreException(ErrorCode.CONFLICT, "Item " + earlier + " of this batch already uses this " + field,
                List.of(new FieldError(field, "duplicate", "Repeated within the batch")));
    }

    private static TorreException known(RuntimeException e) {
        TorreException known = Failures.known(e);
        if (known == null) {
            throw e;
        }
        return known;
    }

    private static List<Object> present(Object[] keys) {
        List<Object> values = new ArrayList<>();
        for (Object key : keys) {
            if (key != null) {
                values.add(key);
            }
        }
        return values;
    }

    private static <E> Map<Object, E> index(List<E> entities, Function<E, Object> key) {
        Map<Object, E> byKey = new HashMap<>();
        entities.forEach(e -> byKey.put(key.apply(e), e));
        return byKey;
    }
}
