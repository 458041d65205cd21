package dev.torre.product;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;

/** GraphQL for the product catalogue, over the same service and rules as REST. */
@GraphQLApi
@TranslateErrors
public class ProductGraphQL {

    @Inject
    ProductService products;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    /** The GraphQL input for creating or changing a product. */
    @Input("ProductInput")
    public record ProductWrite(String sku, String name, @Description("A decimal string, e.g. \"19.90\"") String price,
            @Description("ISO 4217 code") String currency, String category, Boolean active, String externalId) {
    }

    @Query
    @Description("A product by id")
    public ProductView product(@NonNull @Id String id) {
        return products.get(graphql.id(id));
    }

    @Query
    @Description("Products, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public ProductConnection products(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return ProductConnection.of(products.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Mutation
    public ProductView createProduct(@NonNull ProductWrite input) {
        return products.create(inputs.bind(graphql.toPatch(input, null), ProductInput.class));
    }

    @Mutation
    @Description("Changes the fields given; fields named in clear are emptied. Fails if the product moved past expectedVersion.")
    public ProductView updateProduct(@NonNull @Id String id, @NonNull ProductWrite input, List<String> clear, Long expectedVersion) {
        return products.update(graphql.id(id), graphql.toPatch(input, clear), expectedVersion);
    }

    @Mutation
    @Description("Archives the product (it can be restored over REST)")
    public boolean deleteProduct(@NonNull @Id String id) {
        products.archive(graphql.id(id));
        return true;
    }
}
