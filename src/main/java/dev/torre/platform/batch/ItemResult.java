package dev.torre.platform.batch;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.torre.platform.error.Problem;

/** What became of one item of a batch, in input order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(int index, Status status, UUID id, Long version, Problem error) {

    /** The outcome of one item. */
    public enum Status {
        created, updated, unchanged, error
    }
}
