package dev.torre.apiclient;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Guessing a client's secret is throttled per client id: after 10 failures within 5 minutes the token endpoint answers
 * 429 invalid_client with Retry-After without checking the secret, the same for an id no client has; a success clears
 * the count, and the count lives in the database that every instance shares.
 */
@QuarkusTest
class TokenThrottleTest {

    private static final int LIMIT = 10;

    @Inject
    TokenService tokens;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetTime() {
        TestTime.reset();
    }

    private static void failTimes(String clientId, int times) {
        for (int i = 0; i < times; i++) {
            ExtractableResponse<Response> wrong = ApiClientTest.tokenByForm(clientId, "tcs_wrong", null);
            assertEquals(401, wrong.statusCode(), "failure " + (i + 1) + ": " + wrong.asString());
        }
    }

    private void assertThrottled(String clientId, String secret) {
        long checksBefore = tokens.secretChecks.get();
        ExtractableResponse<Response> refused = ApiClientTest.tokenByForm(clientId, secret, null);
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("invalid_client", refused.path("error"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After " + retryAfter);
        assertNull(refused.header("WWW-Authenticate"));
        assertEquals("no-store", refused.header("Cache-Control"));
        assertEquals(checksBefore, tokens.secretChecks.get(), "a throttled attempt runs no BCrypt check");
    }

    @Test
    void tenFailuresThrottleTheClientEvenWithTheRightSecretUntilTheWindowEnds() {
        TestTime.set(java.time.Instant.now().toString());
        String tenant = newTenant();
        Map<String, String> c = ApiClientTest.client(tenant, List.of("contacts:read"));
        failTimes(c.get("clientId"), LIMIT);
        assertThrottled(c.get("clientId"), c.get("secret"));
        // another client of the same tenant is not affected
        Map<String, String> other = ApiClientTest.client(tenant, List.of("contacts:read"));
        assertEquals(200, ApiClientTest.tokenByForm(other.get("clientId"), other.get("secret"), null).statusCode());

        TestTime.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(200, ApiClientTest.tokenByForm(c.get("clientId"), c.get("secret"), null).statusCode());
    }

    @Test
    void anUnknownClientIdIsThrottledAlikeSoARefusalRevealsNothing() {
        String tenant = newTenant();
        Map<String, String> known = ApiClientTest.client(tenant, List.of("contacts:read"));
        String unknown = tenant + "." + UUID.randomUUID();
        failTimes(known.get("clientId"), LIMIT);
        failTimes(unknown, LIMIT);
        ExtractableResponse<Response> a = ApiClientTest.tokenByForm(known.get("clientId"), "tcs_wrong", null);
        ExtractableResponse<Response> b = ApiClientTest.tokenByForm(unknown, "tcs_wrong", null);
        assertEquals(a.statusCode(), b.statusCode());
        assertEquals(a.asString().replaceAll("\\d+ s", "N s"), b.asString().replaceAll("\\d+ s", "N s"), "the same answer");
        assertThrottled(unknown, "tcs_wrong");
        String malformed = "not-a-client-id-" + UUID.randomUUID();
        failTimes(malformed, LIMIT);
        assertThrottled(malformed, "tcs_wrong");
    }

    @Test
    void aSuccessClearsTheCount() {
        String tenant = newTenant();
        Map<String, String> c = ApiClientTest.client(tenant, List.of("contacts:read"));
        failTimes(c.get("clientId"), LIMIT - 1);
        assertEquals(200, ApiClientTest.tokenByForm(c.get("clientId"), c.get("secret"), null).statusCode());
        failTimes(c.get("clientId"), LIMIT - 1); // 18 in a row would have been throttled at the eleventh
        assertEquals(200, ApiClientTest.tokenByForm(c.get("clientId"), c.get("secret"), null).statusCode());
    }

    @Test
    void theCountIsSharedThroughTheDatabase() throws Exception {
        String tenant = newTenant();
        Map<String, String> c = ApiClientTest.client(tenant, List.of("contacts:read"));
        failTimes(c.get("clientId"), LIMIT);
        assertThrottled(c.get("clientId"), c.get("secret"));
        try (var conn = dataSource.getConnection(); var ps = conn.prepareStatement("select failures from token_failure where client_key = ?")) {
            ps.setString(1, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(c.get("clientId").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            try (var row = ps.executeQuery()) {
                assertTrue(row.next(), "the count is a row every instance reads");
                assertEquals(LIMIT, row.getInt(1));
            }
        }
        // what another instance does to the row, this one obeys: cleared there, the client may try at once
        try (var conn = dataSource.getConnection(); var ps = conn.prepareStatement("delete from token_failure")) {
            ps.executeUpdate();
        }
        assertEquals(200, ApiClientTest.tokenByForm(c.get("clientId"), c.get("secret"), null).statusCode());
    }
}
