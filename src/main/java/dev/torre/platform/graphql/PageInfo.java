package dev.torre.platform.graphql;

/** Relay page information: whether more follows, and the last edge's cursor to continue after it (also on the last page). */
public record PageInfo(boolean hasNextPage, String endCursor) {
}
