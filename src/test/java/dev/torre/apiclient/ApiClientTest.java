package dev.torre.apiclient;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** API clients: credentials shown once, the client credentials grant, Torre-signed tokens, rotation and revocation. */
@QuarkusTest
class ApiClientTest {

    @Inject
    DataSource dataSource;

    @Inject
    TokenService tokens;

    @AfterEach
    void resetTime() {
        TestTime.reset();
    }

    /** A client of the tenant with these scopes: its id, clientId and secret. */
    static Map<String, String> client(String tenant, List<String> scopes) {
        ExtractableResponse<Response> created = admin(tenant).body(Map.of("name", "Shop sync", "scopes", scopes))
                .when().post("/v1/api-clients").then().statusCode(201).extract();
        return Map.of("id", created.path("id"), "clientId", created.path("clientId"), "secret", created.path("clientSecret"));
    }

    static ExtractableResponse<Response> tokenByForm(String clientId, String secret, String scope) {
        var request = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret);
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.when().post("/v1/oauth/token").then().extract();
    }

    static String token(Map<String, String> client) {
        return tokenByForm(client.get("clientId"), client.get("secret"), null).path("access_token");
    }

    @Test
    void theSecretIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        String tenant = newTenant();
        Map<String, String> c = client(tenant, List.of("contacts:read"));
        assertTrue(c.get("secret").startsWith("tcs_"));
        assertEquals(tenant + "." + c.get("id"), c.get("clientId"));
        admin(tenant).when().get("/v1/api-clients/" + c.get("id")).then().statusCode(200)
                .body("$", not(org.hamcrest.Matchers.hasKey("clientSecret"))).body("roles", equalTo(List.of("admin")))
                .body("scopes", equalTo(List.of("contacts:read")));
        admin(tenant).when().get("/v1/api-clients").then().statusCode(200).body("data[0].clientId", equalTo(c.get("clientId")))
                .body("data[0]", not(org.hamcrest.Matchers.hasKey("clientSecret")));
        String hash = dev.torre.platform.tenancy.TenantContext.callAs(tenant, () -> {
            try (var conn = dataSource.getConnection(); var ps = conn.prepareStatement(
                    "select secret_hash from api_client where tenant_id = ? and id = ?::uuid")) {
                ps.setString(1, tenant);
                ps.setString(2, c.get("id"));
                try (var row = ps.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(hash.startsWith("$2a$10$"), "a BCrypt hash: " + hash);
        assertTrue(new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().matches(c.get("secret"), hash));
        String events = admin(tenant).when().get("/v1/events").then().statusCode(200).body("data.type", hasItem("api_client.created"))
                .extract().asString();
        assertFalse(events.contains(c.get("secret")), "the secret is not in the event log");
        GraphQL.as(dev.torre.testing.Tokens.admin(tenant), "{ apiClients { edges { node { clientId name scopes } } } }")
                .body("data.apiClients.edges[0].node.clientId", equalTo(c.get("clientId")));
    }

    @Test
    void badDefinitionsAreRefusedAndChangeNothing() {
        String tenant = newTenant();
        admin(tenant).body(Map.of("name", "x", "scopes", List.of("contacts:fly"))).when().post("/v1/api-clients")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes")).body("errors[0].code", equalTo("unknown_scope"));
        admin(tenant).body(Map.of("name", "x", "scopes", List.of("me:read"))).when().post("/v1/api-clients")
                .then().statusCode(400).body("errors[0].code", equalTo("unknown_scope"));
        admin(tenant).body(Map.of("name", "x", "scopes", List.of("contacts:read"), "roles", List.of("portal"))).when().post("/v1/api-clients")
                .then().statusCode(400).body("errors[0].field", equalTo("roles"));
        admin(tenant).body(Map.of("name", "x", "scopes", List.of("contacts:read"), "rateLimit", 0)).when().post("/v1/api-clients")
                .then().statusCode(400);
        // an admin narrowed to some scopes cannot hand out others
        as(dev.torre.testing.Tokens.of(tenant, "admin", "api-clients:write contacts:read"))
                .body(Map.of("name", "x", "scopes", List.of("contacts:write"))).when().post("/v1/api-clients")
                .then().statusCode(400).body("errors[0].code", equalTo("scope_not_held"));
        // only admins manage clients
        as(dev.torre.testing.Tokens.of(tenant, "integration", null)).when().get("/v1/api-clients").then().statusCode(403);
        as(dev.torre.testing.Tokens.readonly(tenant)).when().get("/v1/api-clients").then().statusCode(403);
        admin(tenant).when().get("/v1/api-clients").then().statusCode(200).body("data", equalTo(List.of()));
    }

    @Test
    void aTokenByFormOrBasicCarriesTheClientsScopesAndIsVerifiedByThePublishedKeys() throws Exception {
        String tenant = newTenant();
        Map<String, String> c = client(tenant, List.of("contacts:read", "companies:read"));
        ExtractableResponse<Response> byForm = tokenByForm(c.get("clientId"), c.get("secret"), null);
        assertEquals(200, byForm.statusCode(), byForm.asString());
        assertEquals("no-store", byForm.header("Cache-Control"));
        assertEquals("Bearer", byForm.path("token_type"));
        assertEquals("contacts:read companies:read", byForm.path("scope"));
        assertTrue(byForm.<Integer>path("expires_in") > 0);

        String basic = given().auth().preemptive().basic(c.get("clientId"), c.get("secret")).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("scope", "contacts:read")
                .when().post("/v1/oauth/token").then().statusCode(200).body("scope", equalTo("contacts:read"))
                .extract().path("access_token");

        // the published key set verifies the token, with a library of its own
        String jwks = given().when().get("/.well-known/jwks.json").then().statusCode(200).body("keys[0].kid", notNullValue())
                .body("keys[0].kty", equalTo("EC")).body("keys[0]", not(org.hamcrest.Matchers.hasKey("d"))).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setExpectedIssuer("torre-oauth")
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys())).build();
        JwtClaims claims = consumer.processToClaims(basic);
        assertEquals(tenant, claims.getClaimValue("tid"));
        assertEquals(c.get("clientId"), claims.getClaimValue("client_id"));
        assertEquals("contacts:read", claims.getClaimValue("scope"));
        assertEquals(List.of("admin"), claims.getStringListClaimValue("groups"));
        assertTrue(claims.getJwtId() != null && !claims.getJwtId().isBlank());

        // the token works on the API within its scopes, and only there
        as(basic).when().get("/v1/contacts").then().statusCode(200);
        as(basic).when().get("/v1/companies").then().statusCode(403);
        as(basic).body(Map.of("email", "ana@example.com")).when().post("/v1/contacts").then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        as(byForm.path("access_token")).when().get("/v1/companies").then().statusCode(200);
        // and is its tenant's only
        as(basic).when().get("/v1/contacts").then().statusCode(200).body("data", equalTo(List.of()));
    }

    @Test
    void tokenErrorsFollowRfc6749() {
        String tenant = newTenant();
        Map<String, String> c = client(tenant, List.of("contacts:read"));
        ExtractableResponse<Response> wrong = tokenByForm(c.get("clientId"), c.get("secret") + "x", null);
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_client", wrong.path("error"));
        assertTrue(wrong.header("WWW-Authenticate").startsWith("Basic"));
        assertEquals("no-store", wrong.header("Cache-Control"));

        assertEquals("invalid_client", tokenByForm(tenant + "." + java.util.UUID.randomUUID(), c.get("secret"), null).path("error"));
        assertEquals(401, tokenByForm("not-a-client", c.get("secret"), null).statusCode());
        // another tenant's name in front of the id does not find it
        assertEquals(401, tokenByForm(newTenant() + "." + c.get("id"), c.get("secret"), null).statusCode());

        ExtractableResponse<Response> escalation = tokenByForm(c.get("clientId"), c.get("secret"), "contacts:read contacts:write");
        assertEquals(400, escalation.statusCode());
        assertEquals("invalid_scope", escalation.path("error"));

        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("client_id", c.get("clientId")).formParam("client_secret", c.get("secret"))
                .when().post("/v1/oauth/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().contentType("application/x-www-form-urlencoded").formParam("client_id", c.get("clientId"))
                .formParam("client_secret", c.get("secret"))
                .when().post("/v1/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        // both ways of authenticating at once
        given().auth().preemptive().basic(c.get("clientId"), c.get("secret")).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", c.get("clientId"))
                .when().post("/v1/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        // no credentials at all
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .when().post("/v1/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("Basic"));
        // a repeated parameter
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials", "client_credentials")
                .formParam("client_id", c.get("clientId")).formParam("client_secret", c.get("secret"))
                .when().post("/v1/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void tooManySecretChecksAtOnceAreTurnedAwayWithRetryAfter() throws Exception {
        String tenant = newTenant();
        Map<String, String> c = client(tenant, List.of("contacts:read"));
        int permits = tokens.checks().availablePermits();
        tokens.checks().acquire(permits); // every check slot busy, as under a flood of token requests
        try {
            ExtractableResponse<Response> busy = tokenByForm(c.get("clientId"), c.get("secret"), null);
            assertEquals(503, busy.statusCode());
            assertEquals("temporarily_unavailable", busy.path("error"));
            assertEquals("1", busy.header("Retry-After"));
        } finally {
            tokens.checks().release(permits);
        }
        assertEquals(200, tokenByForm(c.get("clientId"), c.get("secret"), null).statusCode());
    }

    @Test
    void aRotatedSecretKeepsWorkingForTheOverlapThenIsRefused() {
        String tenant = newTenant();
        Map<String, String> c = client(tenant, List.of("contacts:read"));
        String oldToken = token(c);
        String fresh = admin(tenant).when().post("/v1/api-clients/" + c.get("id") + "/rotate-secret").then().statusCode(200)
                .body("previousSecretExpiresAt", notNullValue()).extract().path("clientSecret");
        assertFalse(fresh.equals(c.get("secret")));
        assertEquals(200, tokenByForm(c.get("clientId"), fresh, null).statusCode());
        assertEquals(200, tokenByForm(c.get("clientId"), c.get("secret"), null).statusCode(), "the old secret works during the overlap");
        as(oldToken).when().get("/v1/contacts").then().statusCode(200);
        String newToken = tokenByForm(c.get("clientId"), fresh, null).path("access_token");

        TestTime.set(java.time.Instant.now().plus(Duration.ofHours(24)).plusSeconds(60).toString());
        assertEquals(401, tokenByForm(c.get("clientId"), c.get("secret"), null).statusCode(), "past the overlap the old secret is refused");
        as(oldToken).when().get("/v1/contacts").then().statusCode(401);
        as(newToken).when().get("/v1/contacts").then().statusCode(200);
    }

    @Test
    void aDeletedClientsTokensAreRefusedOnTheNextCall() throws Exception {
        String tenant = newTenant();
        Map<String, String> c = client(tenant, List.of("contacts:read"));
        String t = token(c);
        as(t).when().get("/v1/contacts").then().statusCode(200);
        admin(tenant).when().delete("/v1/api-clients/" + c.get("id")).then().statusCode(204);
        as(t).when().get("/v1/contacts").then().statusCode(401);
        assertEquals(401, tokenByForm(c.get("clientId"), c.get("secret"), null).statusCode());
    }

    @Test
    void aClientDeletedByAnotherInstanceIsRefusedToo() throws Exception {
        String tenant = newTenant();
        Map<String, String> c = client(tenant, List.of("contacts:read"));
        String t = token(c);
        as(t).when().get("/v1/contacts").then().statusCode(200);
        // another instance archives the client: only the shared row says so
        dev.torre.platform.tenancy.TenantContext.callAs(tenant, () -> {
            try (var conn = dataSource.getConnection(); var ps = conn.prepareStatement(
                    "update api_client set archived_at = now() where tenant_id = ? and id = ?::uuid")) {
                ps.setString(1, tenant);
                ps.setString(2, c.get("id"));
                assertEquals(1, ps.executeUpdate());
                return null;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        as(t).when().get("/v1/contacts").then().statusCode(401);
    }
}
