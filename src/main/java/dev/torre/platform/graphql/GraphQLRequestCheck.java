package dev.torre.platform.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.ErrorType;
import graphql.GraphqlErrorBuilder;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLInputType;
import graphql.execution.TypeFromAST;
import graphql.schema.GraphQLSchema;

import dev.torre.platform.error.ErrorCode;

/**
 * Decides before anything runs whether a GraphQL request is a request error in the sense of the GraphQL-over-HTTP
 * specification: a document that does not parse or validate, an operation name the document lacks, or variables that
 * do not coerce to their declared types. Done with graphql-java's own parser, validator and variable coercion, against
 * the schema that will execute the request, so the answer is the one execution would give.
 */
final class GraphQLRequestCheck {

    private GraphQLRequestCheck() {
    }

    /** The document's syntax errors, coded as {@link #errors} codes them: the one check worth making for every caller. */
    static List<Map<String, Object>> syntaxErrors(ParsedDocuments.Parsed parsed) {
        return coded(parsed.syntaxErrors());
    }

    /** The request's errors as GraphQL response errors carrying Torre's code, or an empty list when it may run. */
    static List<Map<String, Object>> errors(GraphQLSchema schema, ParsedDocuments documents, ParsedDocuments.Parsed parsed,
            String operationName, Map<String, Object> variables) {
        Map<String, Object> values = variables == null ? Map.of() : variables;
        if (parsed.document() == null) {
            return coded(parsed.syntaxErrors());
        }
        List<? extends GraphQLError> invalid = documents.validate(schema, parsed, Locale.ROOT);
        if (!invalid.isEmpty()) {
            return coded(invalid);
        }
        try {
            OperationDefinition operation = NodeUtil.getOperation(parsed.document(), operationName).operationDefinition;
            ValuesResolver.coerceVariableValues(schema, operation.getVariableDefinitions(), RawVariables.of(values),
                    GraphQLContext.getDefault(), Locale.ROOT);
            for (VariableDefinition variable : operation.getVariableDefinitions()) {
                String refused = StrictScalars.refusal((GraphQLInputType) TypeFromAST.getTypeFromAST(schema, variable.getType()),
                        values.get(variable.getName()));
                if (refused != null) {
                    return coded(List.of(GraphqlErrorBuilder.newError().errorType(ErrorType.ValidationError)
                            .message("Variable '" + variable.getName() + "' has an invalid value: " + refused).build()));
                }
            }
        } catch (RuntimeException refused) {
            if (refused instanceof GraphQLError error) {
                return coded(List.of(error));
            }
            // anything else is not the caller's mistake: let execution meet it and answer as it does
        }
        return List.of();
    }

    /** Errors as GraphQL response errors carrying Torre's validation code. */
    static List<Map<String, Object>> coded(List<? extends GraphQLError> errors) {
        return errors.stream().map(e -> {
            Map<String, Object> spec = new LinkedHashMap<>(e.toSpecification());
            @SuppressWarnings("unchecked")
            Map<String, Object> extensions = spec.get("extensions") instanceof Map<?, ?> m
                    ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            extensions.put("code", GraphQLProblem.codeOf(ErrorCode.VALIDATION));
            spec.put("extensions", extensions);
            return spec;
        }).toList();
    }
}
