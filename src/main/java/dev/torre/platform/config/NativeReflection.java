package dev.torre.platform.config;

import graphql.GraphQL;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * Registers for reflection the library classes whose private fields Torre reads, so that a native image keeps them:
 * Vert.x's {@code TCPServerBase.bindFuture} (the listening channel, {@code platform.rest.HeaderDeadline}) and
 * graphql-java's {@code GraphQL.Builder} fields that SmallRye sets and offers no getter for ({@code instrumentation},
 * {@code preparsedDocumentProvider}, {@code graphQLSchema}: {@code platform.graphql}). On the JVM it does nothing.
 */
@RegisterForReflection(targets = { TCPServerBase.class, GraphQL.Builder.class }, fields = true, methods = false)
final class NativeReflection {

    private NativeReflection() {
    }
}
