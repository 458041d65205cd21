package dev.torre.platform.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;

/**
 * The GraphQL specification's input coercion of the built-in scalars, applied to variables as JSON gave them.
 * SmallRye's own {@code Int} and {@code Float} accept any string and fail later, inside execution; this finds such a
 * variable before anything runs. Other scalars and enums keep their own coercion, which graphql-java already applied.
 */
final class StrictScalars {

    private StrictScalars() {
    }

    /** Why the value cannot be of the type, or null when it can (as far as the built-in scalars go). */
    static String refusal(GraphQLInputType type, Object value) {
        if (value == null) {
            return null; // a missing required value is graphql-java's to refuse
        }
        return switch (type) {
            case GraphQLNonNull nonNull -> refusal((GraphQLInputType) nonNull.getWrappedType(), value);
            case GraphQLList list -> value instanceof List<?> items
                    ? items.stream().map(item -> refusal((GraphQLInputType) list.getWrappedType(), item))
                            .filter(r -> r != null).findFirst().orElse(null)
                    : refusal((GraphQLInputType) list.getWrappedType(), value);
            case GraphQLInputObjectType object -> value instanceof Map<?, ?> fields ? fields(object, fields) : null;
            case GraphQLScalarType scalar -> scalar(scalar.getName(), value);
            default -> null;
        };
    }

    private static String fields(GraphQLInputObjectType object, Map<?, ?> fields) {
        for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
            String refused = refusal(field.getType(), fields.get(field.getName()));
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private static String scalar(String name, Object value) {
        boolean ok = switch (name) {
            case "Int" -> integral(value) && new BigDecimal(value.toString()).toBigInteger().bitLength() < 32;
            case "Float" -> value instanceof Number;
            case "String" -> value instanceof String;
            case "Boolean" -> value instanceof Boolean;
            case "ID" -> value instanceof String || integral(value);
            default -> true;
        };
        return ok ? null : "Expected type '" + name + "' but was '" + value.getClass().getSimpleName() + "'.";
    }

    private static boolean integral(Object value) {
        return switch (value) {
            case Integer i -> true;
            case Long l -> true;
            case Short s -> true;
            case BigInteger b -> true;
            case BigDecimal d -> d.stripTrailingZeros().scale() <= 0;
            case Double d -> !d.isInfinite() && d == Math.rint(d);
            case Float f -> !f.isInfinite() && f == Math.rint(f);
            default -> false;
        };
    }
}
