package dev.torre.platform.graphql;

import graphql.execution.ExecutionContext;
import graphql.language.Argument;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
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

/**
 * The most rows an operation can return: a field with a {@code first} argument returns up to that many
 * rows for each row of its parent (its default when absent), every other field passes its children's
 * count through, and sibling fields — aliases and every spread of a fragment included — add up.
 * {@code @skip} and {@code @include} are ignored: the worst case includes everything named.
 */
final class RowBudget {

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
