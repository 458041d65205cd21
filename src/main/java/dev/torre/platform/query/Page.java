package dev.torre.platform.query;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One page of a list: the items and the opaque cursor of the next page (null on the
 * last). The cursor of each item is kept too, for GraphQL's connection edges.
 */
public record Page<T>(List<T> data, String next, @JsonIgnore List<String> cursors) {

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(data.stream().map(mapping).toList(), next, cursors);
    }
}
