package dev.torre.apiclient;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Creating an API client honours Idempotency-Key: a retry gets the first answer, client secret included, one client
 * is created, and the stored answer keeps the secret only sealed.
 */
@QuarkusTest
class ApiClientIdempotencyTest {

    private final String tenant = newTenant();

    @Inject
    DataSource dataSource;

    @Test
    void aRetryGetsTheFirstAnswerWithItsSecretWhichIsStoredOnlySealed() {
        Map<String, Object> body = Map.of("name", "Shop sync", "scopes", List.of("contacts:read"));
        ExtractableResponse<Response> first = create("client-1", body);
        assertEquals(201, first.statusCode(), first.asString());
        String secret = first.path("clientSecret");

        ExtractableResponse<Response> again = create("client-1", body);
        assertEquals(201, again.statusCode(), again.asString());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.<String>path("id"), again.path("id"));
        assertEquals(first.<String>path("clientId"), again.path("clientId"));
        assertEquals(secret, again.path("clientSecret"), "the replay shows the secret the first answer showed");
        assertEquals(1, admin(tenant).when().get("/v1/api-clients").then().statusCode(200).extract().jsonPath().getList("data").size(),
                "one client");

        String stored = storedAnswer("client-1");
        assertFalse(stored.contains(secret), "the stored answer does not hold the secret in clear: " + stored);
        assertTrue(stored.contains("enc:v2:"), "it holds it sealed");

        assertEquals(422, create("client-1", Map.of("name", "Other", "scopes", List.of("contacts:read"))).statusCode(),
                "the same key with another body is refused");
    }

    private ExtractableResponse<Response> create(String key, Map<String, Object> body) {
        return admin(tenant).header("Idempotency-Key", key).body(body).when().post("/v1/api-clients").then().extract();
    }

    private String storedAnswer(String key) {
        return TenantContext.callAs(tenant, () -> {
            try (var c = dataSource.getConnection();
                    var ps = c.prepareStatement("select string_agg(body, '') from idempotency_key where tenant_id = ? and key = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                try (var row = ps.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
