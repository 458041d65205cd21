package dev.torre.platform.graphql;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;

import dev.torre.platform.error.ErrorCode;

/**
 * Gives every GraphQL error one of Torre's codes in {@code extensions.code}, including the
 * errors GraphQL itself raises before any resolver runs (a syntax error, an unknown field, a
 * variable of the wrong type) or a limit of its own refuses the query (depth): those are {@code VALIDATION}; anything else without a code is
 * {@code INTERNAL}. Errors that already carry one of Torre's codes ({@link GraphQLProblem}) keep it.
 * Whether such a request answers 400 is decided before it runs, by {@link GraphQLOverHttp}.
 */
@ApplicationScoped
public class GraphQLErrorCodes implements Instrumentation {

    void install(@Observes GraphQL.Builder builder) {
        chain(builder, this);
    }

    /** Adds an instrumentation after those the builder already has (SmallRye sets its own, with no way to add one). */
    static void chain(GraphQL.Builder builder, Instrumentation added) {
        try {
            Field field = GraphQL.Builder.class.getDeclaredField("instrumentation");
            field.setAccessible(true);
            Instrumentation existing = (Instrumentation) field.get(builder);
            builder.instrumentation(existing == null ? added : new ChainedInstrumentation(List.of(existing, added)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot install GraphQL's error codes", e);
        }
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty() || result.getErrors().stream().allMatch(GraphQLErrorCodes::coded)) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = result.getErrors().stream().map(e -> coded(e) ? e : withCode(e)).toList();
        return CompletableFuture.completedFuture(result.transform(b -> b.errors(errors)));
    }

    /** Errors of the request itself, found before anything ran. */
    private static final Set<ErrorClassification> REQUEST_ERRORS = Set.of(ErrorType.ValidationError, ErrorType.InvalidSyntax,
            ErrorType.OperationNotSupported);

    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(GraphQLProblem::codeOf).collect(Collectors.toSet());

    /** Whether the error carries one of Torre's codes (SmallRye sets others, named after exceptions). */
    private static boolean coded(GraphQLError error) {
        return error.getExtensions() != null && CODES.contains(error.getExtensions().get("code"));
    }

    private static GraphQLError withCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(error.getExtensions());
        extensions.put("code", codeOf(error.getErrorType()));
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError().message(error.getMessage()).extensions(extensions);
        if (error.getLocations() != null) {
            builder.locations(error.getLocations());
        }
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        if (error.getErrorType() != null) {
            builder.errorType(error.getErrorType());
        }
        return builder.build();
    }

    static String codeOf(ErrorClassification type) {
        // an abort without a code of Torre's comes from GraphQL's own limits (query depth): the request is refused, nothing failed
        if (type != null && (REQUEST_ERRORS.contains(type) || type == ErrorType.ExecutionAborted)) {
            return GraphQLProblem.codeOf(ErrorCode.VALIDATION);
        }
        return ErrorCode.INTERNAL.name();
    }
}
