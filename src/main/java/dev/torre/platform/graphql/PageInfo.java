package dev.torre.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import dev.torre.platform.query.Page;

/** Relay page information: whether more follows, and the last edge's cursor to continue after it (also on the last page). */
public record PageInfo(boolean hasNextPage, String endCursor) {

    /** The page's information: more follows when it has a next cursor; the end cursor is its last row's. */
    public static PageInfo of(Page<?> page) {
        int n = page.data().size();
        return new PageInfo(page.next() != null, n == 0 ? null : page.cursors().get(n - 1));
    }

    /** The page's rows as Relay edges, each with its own cursor. */
    public static <V, E> List<E> edges(Page<V> page, BiFunction<V, String, E> edge) {
        List<E> edges = new ArrayList<>(page.data().size());
        for (int i = 0; i < page.data().size(); i++) {
            edges.add(edge.apply(page.data().get(i), page.cursors().get(i)));
        }
        return edges;
    }
}
