package dev.torre.webhook;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.PageInfo;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.query.Page;

/** GraphQL reads of webhook subscriptions and their deliveries (no secrets), over the same services as REST. */
@GraphQLApi
@TranslateErrors
public class WebhookGraphQL {

    @Inject
    WebhookService webhooks;

    @Inject
    DeliveryService deliveries;

    @Inject
    GraphQLInputs graphql;

    /** A Relay connection of webhook subscriptions. */
    @Type("WebhookConnection")
    public record WebhookConnection(List<Edge> edges, PageInfo pageInfo) {
        /** One subscription and the cursor to continue after it. */
        @Type("WebhookEdge")
        public record Edge(WebhookView node, String cursor) {
        }
    }

    /** A Relay connection of deliveries. */
    @Type("WebhookDeliveryConnection")
    public record DeliveryConnection(List<Edge> edges, PageInfo pageInfo) {
        /** One delivery and the cursor to continue after it. */
        @Type("WebhookDeliveryEdge")
        public record Edge(DeliveryView node, String cursor) {
        }
    }

    @Query
    @Description("A webhook subscription by id")
    public WebhookView webhook(@NonNull @Id String id) {
        return webhooks.get(graphql.id(id));
    }

    @Query
    @Description("Webhook subscriptions, in pages")
    public WebhookConnection webhooks(String filter, List<String> sort, Integer first, String after) {
        Page<WebhookView> page = webhooks.list(graphql.listRequest(filter, null, sort, first, after));
        return new WebhookConnection(PageInfo.edges(page, WebhookConnection.Edge::new), PageInfo.of(page));
    }

    @Description("The subscription's deliveries, newest first")
    public DeliveryConnection deliveries(@Source WebhookView webhook, Integer first, String after) {
        Page<DeliveryView> page = deliveries.list(webhook.id(), null, first == null ? null : first.toString(), after);
        return new DeliveryConnection(PageInfo.edges(page, DeliveryConnection.Edge::new), PageInfo.of(page));
    }
}
