package dev.torre.platform.graphql;

import java.util.List;

import graphql.execution.AbortExecutionException;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import io.quarkus.arc.Arc;

/**
 * Whether the client of the GraphQL request running on this thread has gone: Quarkus ends a request's context when
 * its connection closes, even while a resolver still runs on a worker, and with it the caller and the pooled
 * connection that resolver uses. Work found in that state stops quietly rather than failing on closed statements and
 * logging errors nobody will read.
 */
final class ClientGone {

    private ClientGone() {
    }

    /** True once this request's context has ended (or when there never was one). */
    static boolean now() {
        return !Arc.container().requestContext().isActive();
    }

    /** What a resolver that was not run throws: an abort, which GraphQL reports without logging it. */
    static AbortExecutionException cancelled() {
        return new AbortExecutionException(List.of(new GraphQLProblem(new TorreException(ErrorCode.UNAVAILABLE,
                "The client closed the connection; the rest of this request was not run"))));
    }
}
