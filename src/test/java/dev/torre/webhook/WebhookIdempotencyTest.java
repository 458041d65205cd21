package dev.torre.webhook;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Creating a subscription honours Idempotency-Key: the same caller's retry gets the first answer, signing secret
 * included, while the stored answer keeps the secret only sealed; another caller's same key is another key.
 */
@QuarkusTest
class WebhookIdempotencyTest {

    @Inject
    DataSource dataSource;

    private static ExtractableResponse<Response> create(String token, String key, Map<String, Object> body) {
        return as(token).header("Idempotency-Key", key).body(body).when().post("/v1/webhooks").then().extract();
    }

    private String storedAnswer(String tenant, String key) {
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

    @Test
    void aRetryGetsTheFirstAnswerWithItsSecretWhichIsStoredOnlySealed() {
        String tenant = newTenant();
        String admin = Tokens.admin(tenant);
        Map<String, Object> body = Map.of("url", "https://203.0.113.10/hooks", "eventTypes", List.of("contact.*"));
        ExtractableResponse<Response> first = create(admin, "hook-1", body);
        assertEquals(201, first.statusCode(), first.asString());
        String secret = first.path("secret");
        assertTrue(secret.startsWith("whsec_"));

        ExtractableResponse<Response> again = create(admin, "hook-1", body);
        assertEquals(201, again.statusCode(), again.asString());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.<String>path("id"), again.path("id"));
        assertEquals(secret, again.path("secret"), "the replay shows the secret the first answer showed");
        assertEquals(first.header("Location"), again.header("Location"));

        String stored = storedAnswer(tenant, "hook-1");
        assertFalse(stored.contains(secret), "the stored answer does not hold the secret in clear: " + stored);
        assertFalse(stored.contains(secret.substring("whsec_".length())));
        assertTrue(stored.contains("enc:v2:"), "it holds it sealed");

        // the same key with another body is refused and creates nothing
        create(admin, "hook-1", Map.of("url", "https://203.0.113.11/hooks", "eventTypes", List.of("contact.*")))
                .response().then().statusCode(422);
        admin(tenant).when().get("/v1/webhooks").then().statusCode(200).body("data.size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void anotherCallersSameKeyIsAnotherKey() {
        String tenant = newTenant();
        Map<String, Object> body = Map.of("url", "https://203.0.113.10/hooks", "eventTypes", List.of("deal.won"));
        ExtractableResponse<Response> mine = create(Tokens.of(tenant, "admin", null, "ana"), "same-key", body);
        ExtractableResponse<Response> theirs = create(Tokens.of(tenant, "admin", null, "bob"), "same-key", body);
        assertEquals(201, mine.statusCode());
        assertEquals(201, theirs.statusCode());
        assertEquals(null, theirs.header("Idempotent-Replayed"));
        assertNotEquals(mine.<String>path("id"), theirs.path("id"));
        assertNotEquals(mine.<String>path("secret"), theirs.path("secret"));
    }
}
