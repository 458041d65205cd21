package dev.torre.platform.graphql;

/** Relay page information: whether more follows and the cursor to ask for it. */
public record PageInfo(boolean hasNextPage, String endCursor) {
}
