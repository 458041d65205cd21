package dev.torre.webhook;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Problems;
import dev.torre.testing.Tokens;

/** Webhook subscriptions over REST and GraphQL: secrets shown once, targets, types, fields and filters checked when defined. */
@QuarkusTest
class WebhookApiTest {

    static Map<String, Object> subscription(String url, List<String> types) {
        return Map.of("url", url, "eventTypes", types, "description", "partner sync");
    }

    @Test
    void theSecretIsShownOnceAndNeverAgainNorInTheLog() {
        String tenant = newTenant();
        String url = "https://203.0.113.10/hooks";
        var created = admin(tenant).body(subscription(url, List.of("contact.*", "deal.won"))).when().post("/v1/webhooks")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/v1/webhooks/")).header("ETag", notNullValue())
                .body("url", equalTo(url)).body("enabled", equalTo(true)).body("eventTypes", equalTo(List.of("contact.*", "deal.won")))
                .extract();
        String secret = created.path("secret");
        String id = created.path("id");
        assertTrue(secret.startsWith("whsec_"));
        assertTrue(Base64.getDecoder().decode(secret.substring(6)).length >= 24);

        admin(tenant).when().get("/v1/webhooks/" + id).then().statusCode(200).body("$", not(org.hamcrest.Matchers.hasKey("secret")));
        admin(tenant).when().get("/v1/webhooks").then().statusCode(200).body("data[0].id", equalTo(id))
                .body("data[0]", not(org.hamcrest.Matchers.hasKey("secret")));
        String events = admin(tenant).when().get("/v1/events").then().statusCode(200).body("data.type", hasItem("webhook.created"))
                .extract().asString();
        assertFalse(events.contains(secret.substring(6)), "the secret is not in the event log");

        String rotated = admin(tenant).when().post("/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .body("previousSecretExpiresAt", notNullValue()).extract().path("secret");
        assertNotEquals(secret, rotated);
        assertTrue(rotated.startsWith("whsec_"));
        admin(tenant).when().get("/v1/webhooks/" + id).then().body("$", not(org.hamcrest.Matchers.hasKey("secret")))
                .body("previousSecretExpiresAt", notNullValue());
        assertFalse(admin(tenant).when().get("/v1/events").asString().contains(rotated.substring(6)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://203.0.113.10/x", "http://203.0.113.10/x", "https://10.1.2.3/x", "https://172.16.0.1/x",
            "https://192.168.1.10/x", "https://169.254.169.254/latest/meta-data", "https://[fd00:ec2::254]/x",
            "https://[fe80::1]/x", "https://0.0.0.0/x", "https://[::]/x", "https://224.0.0.1/x", "https://[fc00::1]/x",
            "https://100.64.0.1/x", "not a url", "https://user:pw@203.0.113.10/x", "https://no-such-host.invalid/x" })
    void aForbiddenTargetIsRefusedNamingTheUrl(String url) {
        String tenant = newTenant();
        admin(tenant).body(subscription(url, List.of("contact.created"))).when().post("/v1/webhooks")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("url"));
        admin(tenant).when().get("/v1/webhooks").then().body("data", equalTo(List.of()));
    }

    @Test
    void loopbackIsRefusedWhenNotAllowedEvenBehindAHostName() throws Exception {
        for (String url : List.of("http://localhost:8080/x", "https://localhost/x", "https://127.0.0.1/x", "https://[::1]/x")) {
            TargetPolicy.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(TargetPolicy.Refused.class,
                    () -> TargetPolicy.check(url, false), url);
            assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
        }
        assertEquals("127.0.0.1", TargetPolicy.check("http://127.0.0.1:9/x", true).getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = { "contact.exploded", "nosuch.*", "contact", "*" })
    void anUnknownEventTypeIsRefused(String type) {
        admin(newTenant()).body(subscription("https://203.0.113.10/x", List.of("contact.created", type))).when().post("/v1/webhooks")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("eventTypes"));
    }

    @Test
    void filtersAndFieldsAreCheckedAgainstTheRecordsFields() {
        String tenant = newTenant();
        Map<String, Object> base = Map.of("url", "https://203.0.113.10/x", "eventTypes", List.of("contact.*"));
        admin(tenant).body(with(base, "filter", "shoeSize eq 42")).when().post("/v1/webhooks")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("filter"));
        admin(tenant).body(with(base, "filter", "lifecycleStage eq")).when().post("/v1/webhooks")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("filter"));
        admin(tenant).body(with(base, "fields", List.of("shoeSize"))).when().post("/v1/webhooks")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("fields"));
        admin(tenant).body(Map.of("url", "https://203.0.113.10/x", "eventTypes", List.of("contact.*", "deal.*"),
                "filter", "lastName eq \"Ruiz\"")).when().post("/v1/webhooks")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("filter"));
        admin(tenant).when().get("/v1/webhooks").then().body("data", equalTo(List.of()));
        admin(tenant).body(with(with(base, "filter", "lifecycleStage eq \"customer\""), "fields", List.of("lastName", "properties")))
                .when().post("/v1/webhooks").then().statusCode(201).body("filter", equalTo("lifecycleStage eq \"customer\""))
                .body("fields", equalTo(List.of("lastName", "properties")));
    }

    @Test
    void onlyAdminsAndIntegrationsWithTheScopeManageWebhooks() {
        String tenant = newTenant();
        var body = subscription("https://203.0.113.10/x", List.of("contact.created"));
        as(Tokens.readonly(tenant)).body(body).when().post("/v1/webhooks").then().spec(Problems.problem(403));
        as(Tokens.of(tenant, "integration", "webhooks:read events:read")).body(body).when().post("/v1/webhooks")
                .then().spec(Problems.problem(403));
        as(Tokens.of(tenant, "integration", "webhooks:write")).body(body).when().post("/v1/webhooks")
                .then().spec(Problems.problem(403));
        String id = as(Tokens.of(tenant, "integration", "webhooks:write webhooks:read events:read")).body(body)
                .when().post("/v1/webhooks").then().statusCode(201).extract().path("id");
        as(Tokens.of(tenant, "integration", "webhooks:read")).when().get("/v1/webhooks/" + id).then().statusCode(200);
    }

    @Test
    void anotherTenantsWebhookIsNotFound() {
        String tenant = newTenant();
        String other = newTenant();
        String id = admin(tenant).body(subscription("https://203.0.113.10/x", List.of("contact.created"))).when()
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
        String delivery = admin(tenant).when().post("/v1/webhooks/" + id + "/test").then().statusCode(202).extract().path("id");
        admin(other).when().get("/v1/webhooks/" + id).then().spec(Problems.problem(404));
        admin(other).body(Map.of("enabled", false)).when().patch("/v1/webhooks/" + id).then().spec(Problems.problem(404));
        admin(other).when().delete("/v1/webhooks/" + id).then().spec(Problems.problem(404));
        admin(other).when().get("/v1/webhooks/" + id + "/deliveries").then().spec(Problems.problem(404));
        admin(other).when().post("/v1/webhooks/" + id + "/deliveries/" + delivery + "/retry").then().spec(Problems.problem(404));
        admin(other).body(Map.of("from", "2026-01-01T00:00:00Z")).when().post("/v1/webhooks/" + id + "/replay")
                .then().spec(Problems.problem(404));
        admin(other).when().post("/v1/webhooks/" + id + "/test").then().spec(Problems.problem(404));
        admin(other).when().post("/v1/webhooks/" + id + "/rotate-secret").then().spec(Problems.problem(404));
        GraphQL.as(Tokens.admin(other), "query($id: ID!) { webhook(id: $id) { id } }", GraphQL.vars("id", id))
                .body("data.webhook", nullValue()).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        admin(tenant).when().get("/v1/webhooks/" + id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void replayNeedsATimeOrACursor() {
        String tenant = newTenant();
        String id = admin(tenant).body(subscription("https://203.0.113.10/x", List.of("contact.created"))).when()
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("from", "yesterday")).when().post("/v1/webhooks/" + id + "/replay")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("from"));
        admin(tenant).body(Map.of()).when().post("/v1/webhooks/" + id + "/replay")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("from"));
    }

    @Test
    void graphQLReadsSubscriptionsAndDeliveriesButNoSecret() {
        String tenant = newTenant();
        String id = admin(tenant).body(subscription("https://203.0.113.10/x", List.of("contact.created"))).when()
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
        admin(tenant).when().post("/v1/webhooks/" + id + "/test").then().statusCode(202);
        GraphQL.as(Tokens.admin(tenant), """
                query($id: ID!) {
                  webhooks { edges { node { id url enabled } } }
                  webhook(id: $id) { eventTypes deliveries(first: 5) { edges { node { eventType status attempts } } pageInfo { hasNextPage } } }
                }""", GraphQL.vars("id", id))
                .body("errors", nullValue())
                .body("data.webhooks.edges[0].node.id", equalTo(id))
                .body("data.webhook.eventTypes", equalTo(List.of("contact.created")))
                .body("data.webhook.deliveries.edges[0].node.eventType", equalTo("webhook.test"))
                .body("data.webhook.deliveries.edges[0].node.status", equalTo("pending"));
        GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { webhook(id: $id) { secret } }", GraphQL.vars("id", id))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("secret"));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
