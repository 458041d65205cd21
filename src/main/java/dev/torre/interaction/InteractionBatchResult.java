package dev.torre.interaction;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.torre.platform.error.Problem;

/** One result per item, in input order, and how many ended each way. */
public record InteractionBatchResult(List<Item> results, int created, int unchanged, int duplicate, int failed) {

    /** What became of one item. */
    public enum Status {
        /** stored */
        created,
        /** the same message was already stored (same externalMessageId, same content) */
        unchanged,
        /** another message was already stored under this externalMessageId; the first is kept */
        duplicate,
        /** refused; see error */
        error
    }

    /** The outcome of one item: the id of the stored interaction, or the problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, Status status, UUID id, Problem error) {
    }

    static InteractionBatchResult of(List<Item> results) {
        int[] counts = new int[Status.values().length];
        results.forEach(r -> counts[r.status().ordinal()]++);
        return new InteractionBatchResult(results, counts[0], counts[1], counts[2], counts[3]);
    }
}
