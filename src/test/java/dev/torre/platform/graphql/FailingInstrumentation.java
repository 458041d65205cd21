package dev.torre.platform.graphql;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/**
 * Test-only: makes a GraphQL request fail outside GraphQL's own error handling when its operation is named for it,
 * so that tests can prove such failures still answer a problem document. Inert for every other operation.
 */
@ApplicationScoped
public class FailingInstrumentation implements Instrumentation {

    /** Throws as execution begins. */
    static final String AT_START = "torreTestFailAtStart";
    /** Fails the result's future after execution. */
    static final String AT_RESULT = "torreTestFailAtResult";
    /** Throws an outage as execution begins. */
    static final String OUTAGE = "torreTestOutage";

    void install(@Observes GraphQL.Builder builder) {
        GraphQLErrorCodes.chain(builder, this);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters, InstrumentationState state) {
        String operation = parameters.getOperation();
        if (AT_START.equals(operation)) {
            throw new IllegalStateException("test failure at the start of execution");
        }
        if (OUTAGE.equals(operation)) {
            throw new TorreException(ErrorCode.UNAVAILABLE, "test outage", java.util.List.of(), java.util.Map.of("Retry-After", "1"));
        }
        return null;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (AT_RESULT.equals(parameters.getOperation())) {
            return CompletableFuture.failedFuture(new IllegalStateException("test failure after execution"));
        }
        return CompletableFuture.completedFuture(result);
    }
}
