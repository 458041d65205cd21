package dev.torre.platform.batch;

import java.util.List;

/** The answer to a batch upsert: one result per item, in the order the items were sent. */
public record BatchResult(List<ItemResult> results, int created, int updated, int unchanged, int failed) {

    public static BatchResult of(List<ItemResult> results) {
        int[] counts = new int[ItemResult.Status.values().length];
        results.forEach(r -> counts[r.status().ordinal()]++);
        return new BatchResult(results, counts[0], counts[1], counts[2], counts[3]);
    }
}
