package dev.torre.product;

import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.GraphQL.expectError;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The product catalogue over GraphQL: the same rules as REST, pages, and refusals in the caller's terms. */
@QuarkusTest
class ProductGraphQLTest {

    private final String tenant = newTenant();

    private static final String CREATE = """
            mutation($input: ProductInput!) { createProduct(input: $input) { id sku name price currency active version } }
            """;

    @Test
    void productsAreCreatedListedChangedAndArchived() {
        String token = Tokens.admin(tenant);
        String mug = GraphQL.as(token, CREATE, Map.of("input", Map.of("sku", "MUG", "name", "Mug", "price", "8.5", "currency", "EUR")))
                .body("data.createProduct.price", equalTo("8.50")).body("data.createProduct.currency", equalTo("EUR"))
                .body("data.createProduct.active", equalTo(true)).extract().path("data.createProduct.id");
        GraphQL.as(token, CREATE, Map.of("input", Map.of("sku", "CAP", "name", "Cap", "price", "12", "currency", "EUR", "category", "hats")));

        GraphQL.as(token, "{ products(filter: \"category eq \\\"hats\\\"\", first: 10) { edges { node { sku } } pageInfo { hasNextPage } } }")
                .body("data.products.edges.node.sku", contains("CAP")).body("data.products.pageInfo.hasNextPage", equalTo(false));
        GraphQL.as(token, "{ products(sort: [\"sku\"], first: 1) { edges { node { sku } cursor } pageInfo { hasNextPage endCursor } } }")
                .body("data.products.edges.node.sku", contains("CAP")).body("data.products.pageInfo.hasNextPage", equalTo(true));

        GraphQL.as(token, "mutation($id: ID!) { updateProduct(id: $id, input: {name: \"Big mug\"}) { name } }",
                Map.of("id", mug)).body("data.updateProduct.name", equalTo("Big mug"));
        GraphQL.as(token, "mutation($id: ID!) { deleteProduct(id: $id) }", Map.of("id", mug)).body("data.deleteProduct", equalTo(true));
        GraphQL.as(token, "{ products(first: 10) { edges { node { sku } } } }").body("data.products.edges.node.sku", contains("CAP"));
    }

    @Test
    void badProductsAndReadOnlyCallersAreRefused() {
        expectError(GraphQL.as(Tokens.admin(tenant), CREATE, Map.of("input", Map.of("sku", "X", "name", "X", "price", "abc", "currency", "EUR"))),
                "createProduct", "VALIDATION");
        expectError(GraphQL.as(Tokens.readonly(tenant), CREATE, Map.of("input", Map.of("sku", "X", "name", "X", "price", "1", "currency", "EUR"))),
                "createProduct", "FORBIDDEN");
        GraphQL.as(Tokens.readonly(tenant), "{ products(first: 5) { edges { node { sku } } } }")
                .body("data.products.edges", equalTo(List.of()));
        // another tenant's product is not found, neither to read nor to change
        String other = newTenant();
        String theirs = GraphQL.as(Tokens.admin(other), CREATE, Map.of("input", Map.of("sku", "T", "name", "Theirs", "price", "1",
                "currency", "EUR"))).extract().path("data.createProduct.id");
        expectError(GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { product(id: $id) { sku } }", Map.of("id", theirs)),
                "product", "NOT_FOUND");
        expectError(GraphQL.as(Tokens.admin(tenant), "mutation($id: ID!) { updateProduct(id: $id, input: {name: \"Mine\"}) { name } }",
                Map.of("id", theirs)), "updateProduct", "NOT_FOUND");
        expectError(GraphQL.as(Tokens.admin(tenant), "mutation($id: ID!) { deleteProduct(id: $id) }", Map.of("id", theirs)),
                "deleteProduct", "NOT_FOUND");
        GraphQL.as(Tokens.admin(other), "query($id: ID!) { product(id: $id) { name } }", Map.of("id", theirs))
                .body("data.product.name", equalTo("Theirs"));
    }
}
