package dev.torre.platform.graphql;

/** The comparison operators of a GraphQL {@code where}, the same as the SCIM filter's. */
public enum FilterOperator {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE, PR
}
