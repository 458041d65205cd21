package dev.torre.platform.graphql;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;

import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.access.GuardedType;
import dev.torre.platform.audit.BulkReadGuard;
import dev.torre.platform.audit.RowCounting;
import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * GraphQL's cost in rows, where one request can nest and repeat lists at will. Before an
 * operation runs, its worst case ({@link RowBudget}) is checked against
 * {@code torre.graphql.max-rows}; once answered, every record of a governed type it returned —
 * top-level, nested or aliased — counts toward the bulk-read guard, in place of the per-page
 * count of REST (whose pages, run inside GraphQL, then only refuse an actor already blocked).
 */
@ApplicationScoped
public class GraphQLRows implements Instrumentation {

    @Inject
    TorreConfig config;

    @Inject
    AccessPolicies access;

    @Inject
    BulkReadGuard guard;

    @Inject
    RowCounting counting;

    @Inject
    ManagedExecutor workers;

    private volatile Map<String, String> governedByGraphQLType;

    /**
     * Adds this instrumentation after SmallRye's own (depth, field complexity, query cache), which GraphQL's
     * builder offers no way to read but its field; failing to find it fails the start, not the limit.
     */
    void install(@Observes GraphQL.Builder builder) {
        try {
            Field field = GraphQL.Builder.class.getDeclaredField("instrumentation");
            field.setAccessible(true);
            Instrumentation existing = (Instrumentation) field.get(builder);
            builder.instrumentation(existing == null ? this : new ChainedInstrumentation(List.of(existing, this)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot install GraphQL's row limits", e);
        }
    }

    /** The rows of one execution, by governed type, and who reads them (taken while the request was there). */
    static final class Tally implements InstrumentationState {
        final Map<String, Integer> rows = new ConcurrentHashMap<>();
        final BulkReadGuard.Reader reader;

        Tally(BulkReadGuard.Reader reader) {
            this.reader = reader;
        }
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Tally(ClientGone.now() ? null : guard.reader());
    }

    /**
     * Once the client has gone (its request context ended with the connection), no further resolver runs: each is
     * refused quietly, as the answer has nowhere to go and the request's connection and caller are no more.
     */
    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return parameters.isTrivialDataFetcher() ? fetcher : cancellable(fetcher);
    }

    /** The resolver, unless the client has gone by the time it is reached. */
    DataFetcher<?> cancellable(DataFetcher<?> fetcher) {
        return environment -> {
            if (ClientGone.now()) {
                throw ClientGone.cancelled();
            }
            return fetcher.get(environment);
        };
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        long worst = new RowBudget().worstCase(execution);
        int max = config.graphql().maxRows();
        if (worst > max) {
            String rows = worst >= RowBudget.CEILING ? "more than " + RowBudget.CEILING : "up to " + worst;
            throw abort(new TorreException(ErrorCode.INVALID_QUERY, "This query could return " + rows
                    + " rows, more than the " + max + " one request may return; ask for smaller pages (first) or fewer lists",
                    List.of(new FieldError("first", "too_many_rows", "At most " + max + " rows per request, counting"
                            + " first × first down nested lists and every alias"))));
        }
        counting.countByTransport();
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        ExecutionStepInfo step = parameters.getExecutionStrategyParameters().getExecutionStepInfo();
        if (step.getUnwrappedNonNullType() instanceof GraphQLObjectType object && !writtenRecord(step, parameters)) {
            String type = governed().get(object.getName());
            if (type != null) {
                ((Tally) state).rows.merge(type, 1, Integer::sum);
            }
        }
        return ExecuteObjectInstrumentationContext.NOOP;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (state instanceof Tally tally && !tally.rows.isEmpty()) {
            if (ClientGone.now()) {
                // the rows were read all the same: kept as the reader taken at the start, on a worker of no request
                return CompletableFuture.supplyAsync(() -> {
                    guard.returnedAfterDisconnect(tally.reader, tally.rows);
                    return result;
                }, Infrastructure.getDefaultWorkerPool());
            }
            // this may run on the event loop; the guard writes to the database, so it runs on a worker, in the request's context
            return CompletableFuture.supplyAsync(() -> {
                guard.returned(tally.rows);
                return result;
            }, workers);
        }
        return CompletableFuture.completedFuture(result);
    }

    /** A mutation's own answer, the record it just wrote, is not a read; what is nested in it is. */
    private static boolean writtenRecord(ExecutionStepInfo step, InstrumentationExecutionStrategyParameters parameters) {
        ExecutionContext execution = parameters.getExecutionContext();
        return execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION
                && step.getPath().getLevel() == 1;
    }

    private Map<String, String> governed() {
        if (governedByGraphQLType == null) {
            governedByGraphQLType = access.types().stream().collect(Collectors.toMap(GuardedType::graphQLType, GuardedType::name));
        }
        return governedByGraphQLType;
    }

    private static AbortExecutionException abort(TorreException e) {
        return new AbortExecutionException(List.of(new GraphQLProblem(e)));
    }
}
