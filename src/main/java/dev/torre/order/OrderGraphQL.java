package dev.torre.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.contact.ContactView;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;

/** GraphQL for orders and a contact's purchase history, loaded in batches. */
@GraphQLApi
@TranslateErrors
public class OrderGraphQL {

    private static final int MAX_NESTED = 50;

    @Inject
    OrderService orders;

    @Inject
    GraphQLInputs graphql;

    @Query
    @Description("An order by id")
    public OrderView order(@NonNull @Id String id) {
        return orders.get(graphql.id(id));
    }

    @Query
    @Description("Orders, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public OrderConnection orders(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return OrderConnection.of(orders.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Name("orders")
    @Description("The contact's latest orders, newest first")
    public List<List<OrderView>> ordersOfContacts(@Source List<ContactView> sources, @DefaultValue("10") int first) {
        if (first < 1 || first > MAX_NESTED) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "first must be between 1 and " + MAX_NESTED,
                    List.of(new FieldError("first", "out_of_range", "Between 1 and " + MAX_NESTED)));
        }
        List<UUID> ids = sources.stream().map(ContactView::id).toList();
        Map<UUID, List<OrderView>> found = orders.latestOf(ids, first);
        return ids.stream().map(id -> found.getOrDefault(id, List.of())).toList();
    }
}
