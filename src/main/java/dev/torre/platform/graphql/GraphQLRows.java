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
import graphql.language.Argument;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.access.GuardedType;
import dev.torre.platform.audit.BulkReadGuard;
import dev.torre.platform.audit.RowCounting;
import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

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

    /** The rows of one execution, by governed type. */
    static final class Tally implements InstrumentationState {
        final Map<String, Integer> rows = new ConcurrentHashMap<>();
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Tally();
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

    /**
     * The most rows an operation can return: a field with a {@code first} argument returns up to that many
     * rows for each row of its parent (its default when absent), every other field passes its children's
     * count through, and sibling fields — aliases and every spread of a fragment included — add up.
     * {@code @skip} and {@code @include} are ignored: the worst case includes everything named.
     */
    static final class RowBudget {

        /** Where counting stops, far past any bound, so that no sum can overflow. */
        static final long CEILING = 1_000_000_000L;

        /** Page size of a list whose {@code first} is left out and has no default of its own. */
        private static final int DEFAULT_PAGE = dev.torre.platform.query.ListRequest.DEFAULT_LIMIT;

        private ExecutionContext execution;

        long worstCase(ExecutionContext execution) {
            this.execution = execution;
            GraphQLObjectType root = switch (execution.getOperationDefinition().getOperation()) {
                case MUTATION -> execution.getGraphQLSchema().getMutationType();
                case SUBSCRIPTION -> execution.getGraphQLSchema().getSubscriptionType();
                default -> execution.getGraphQLSchema().getQueryType();
            };
            return rows(execution.getOperationDefinition().getSelectionSet(), root);
        }

        private long rows(SelectionSet selections, GraphQLType parent) {
            if (selections == null || !(GraphQLTypeUtil.unwrapAll(parent) instanceof GraphQLFieldsContainer container)) {
                return 0;
            }
            long total = 0;
            for (Selection<?> selection : selections.getSelections()) {
                total += switch (selection) {
                    case graphql.language.Field field -> field(field, container);
                    case FragmentSpread spread -> {
                        FragmentDefinition fragment = execution.getFragment(spread.getName());
                        yield fragment == null ? 0 : rows(fragment.getSelectionSet(), typeOr(fragment.getTypeCondition(), container));
                    }
                    case InlineFragment inline -> rows(inline.getSelectionSet(), typeOr(inline.getTypeCondition(), container));
                    default -> 0;
                };
                total = Math.min(total, CEILING);
            }
            return total;
        }

        private long field(graphql.language.Field field, GraphQLFieldsContainer parent) {
            GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
            if (definition == null) {
                return 0; // __typename and the like
            }
            long children = rows(field.getSelectionSet(), definition.getType());
            GraphQLArgument first = definition.getArgument("first");
            if (first == null) {
                return children;
            }
            long page = Math.max(1, page(field, first));
            return Math.min(CEILING, page + page * children);
        }

        private long page(graphql.language.Field field, GraphQLArgument definition) {
            Argument given = field.getArguments().stream().filter(a -> "first".equals(a.getName())).findFirst().orElse(null);
            Value<?> value = given == null ? null : given.getValue();
            if (value instanceof VariableReference variable) {
                Object bound = execution.getCoercedVariables().get(variable.getName());
                if (bound instanceof Number n) {
                    return Math.min(n.longValue(), CEILING);
                }
                value = null;
            }
            if (value instanceof IntValue literal) {
                return literal.getValue().min(java.math.BigInteger.valueOf(CEILING)).longValue();
            }
            if (definition.hasSetDefaultValue() && definition.getArgumentDefaultValue().getValue() instanceof Object fallback) {
                if (fallback instanceof Number n) {
                    return n.longValue();
                }
                if (fallback instanceof IntValue literal) {
                    return literal.getValue().longValue();
                }
            }
            return DEFAULT_PAGE;
        }

        private GraphQLType typeOr(TypeName condition, GraphQLType fallback) {
            GraphQLType named = condition == null ? null : execution.getGraphQLSchema().getType(condition.getName());
            return named == null ? fallback : named;
        }
    }
}
