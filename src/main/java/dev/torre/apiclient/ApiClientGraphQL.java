package dev.torre.apiclient;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.query.Page;

/** GraphQL reads of API clients (admin; never the secret), over the same service as REST. */
@GraphQLApi
@TranslateErrors
public class ApiClientGraphQL {

    @Inject
    ApiClientService clients;

    @Inject
    GraphQLInputs graphql;

    /** A Relay connection of API clients. */
    @Type("ApiClientConnection")
    public record ApiClientConnection(List<Edge> edges, PageInfo pageInfo) {
        /** One client and the cursor to continue after it. */
        @Type("ApiClientEdge")
        public record Edge(ApiClientView node, String cursor) {
        }
    }

    @Query
    @Description("An API client by id")
    public ApiClientView apiClient(@NonNull @Id String id) {
        return clients.get(graphql.id(id));
    }

    @Query
    @Description("API clients, in pages")
    public ApiClientConnection apiClients(String filter, List<String> sort, Integer first, String after) {
        Page<ApiClientView> page = clients.list(graphql.listRequest(filter, null, sort, first, after));
        return new ApiClientConnection(PageInfo.edges(page, ApiClientConnection.Edge::new), PageInfo.of(page));
    }
}
