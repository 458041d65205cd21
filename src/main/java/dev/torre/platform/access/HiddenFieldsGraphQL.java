package dev.torre.platform.access;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * The GraphQL side of hidden fields: each governable field of a governed type resolves to
 * null with a FORBIDDEN error entry when the caller may not see it, and as usual otherwise.
 */
@ApplicationScoped
public class HiddenFieldsGraphQL {

    @Inject
    AccessPolicies access;

    void guard(@Observes GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        GraphQLCodeRegistry original = schema.getCodeRegistry();
        GraphQLCodeRegistry guarded = original.transform(code -> {
            for (GuardedType type : access.types()) {
                if (!(schema.getType(type.graphQLType()) instanceof GraphQLObjectType object)) {
                    continue;
                }
                for (String field : type.fields()) {
                    GraphQLFieldDefinition definition = object.getFieldDefinition(field);
                    if (definition != null) {
                        FieldCoordinates at = FieldCoordinates.coordinates(object.getName(), field);
                        code.dataFetcher(at, guarded(type.name(), field, original.getDataFetcher(at, definition)));
                    }
                }
            }
        });
        builder.codeRegistry(guarded);
    }

    private DataFetcher<Object> guarded(String type, String field, DataFetcher<?> fetcher) {
        return env -> {
            if (!access.hiddenFields(type).contains(field)) {
                return fetcher.get(env);
            }
            return DataFetcherResult.newResult().data(null)
                    .error(GraphqlErrorBuilder.newError(env).message("You may not see " + type + "." + field)
                            .extensions(Map.of("code", "FORBIDDEN")).build())
                    .build();
        };
    }
}
