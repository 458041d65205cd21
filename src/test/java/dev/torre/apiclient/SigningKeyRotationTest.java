package dev.torre.apiclient;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.TestTime;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Rotating the key that signs client tokens: the new key signs at once, the previous one keeps verifying and stays
 * published until every token it signed has expired, then it is refused and unpublished. Time is moved, not waited.
 */
@QuarkusTest
class SigningKeyRotationTest {

    @AfterEach
    void resetTime() {
        TestTime.reset();
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        return JsonPath.from(header).getString("kid");
    }

    private static List<String> published() {
        return given().when().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath().getList("keys.kid");
    }

    @Test
    void theOldKeyVerifiesUntilItsTokensHaveExpiredThenLeavesTheJwks() {
        String tenant = newTenant();
        Map<String, String> client = ApiClientTest.client(tenant, List.of("contacts:read"));
        String before = ApiClientTest.token(client);
        String oldKid = kid(before);
        assertTrue(published().contains(oldKid));
        as(before).when().get("/v1/contacts").then().statusCode(200);

        JsonPath rotated = admin(tenant).when().post("/v1/signing-keys/rotate").then().statusCode(200).extract().jsonPath();
        String newKid = rotated.getString("current");
        assertNotEquals(oldKid, newKid);
        assertEquals(newKid, rotated.getString("keys[0].kid"));
        assertNull(rotated.get("keys[0].retiresAt"));
        Map<String, Object> old = rotated.<Map<String, Object>>getList("keys").stream().filter(k -> oldKid.equals(k.get("kid")))
                .findFirst().orElseThrow();
        Instant retires = Instant.parse((String) old.get("retiresAt"));
        // token lifetime (15 min) + key refresh (30 s) + clock skew (60 s) after the rotation
        assertTrue(retires.isAfter(Instant.now().plusSeconds(15 * 60 + 80)), "retires at " + retires);

        List<String> after = published();
        assertEquals(newKid, after.get(0), "the new key is published first");
        assertTrue(after.contains(oldKid), "the previous key is still published");
        as(before).when().get("/v1/contacts").then().statusCode(200);
        String fresh = ApiClientTest.token(client);
        assertEquals(newKid, kid(fresh), "new tokens carry the new kid");
        as(fresh).when().get("/v1/contacts").then().statusCode(200);

        TestTime.set(retires.minusSeconds(1).toString());
        as(before).when().get("/v1/contacts").then().statusCode(200);
        TestTime.set(retires.plusSeconds(1).toString());
        as(before).when().get("/v1/contacts").then().statusCode(401);
        assertFalse(published().contains(oldKid), "the retired key is no longer published");
        assertTrue(published().contains(newKid));
        as(fresh).when().get("/v1/contacts").then().statusCode(200);
    }

    @Test
    void onlyAdminsRotateAndTheNumberOfPublishedKeysIsCapped() {
        String tenant = newTenant();
        int before = published().size();
        as(Tokens.readonly(tenant)).when().post("/v1/signing-keys/rotate").then().statusCode(403);
        as(Tokens.of(tenant, "integration", null)).when().post("/v1/signing-keys/rotate").then().statusCode(403);
        as(Tokens.of(tenant, "admin", "contacts:read")).when().post("/v1/signing-keys/rotate").then().statusCode(403);
        assertEquals(before, published().size(), "a refused rotation adds no key");

        int cap = 5;
        for (int i = published().size(); i < cap; i++) {
            admin(tenant).when().post("/v1/signing-keys/rotate").then().statusCode(200);
        }
        assertEquals(cap, published().size());
        admin(tenant).when().post("/v1/signing-keys/rotate").then().statusCode(409).body("type",
                org.hamcrest.Matchers.equalTo("/problems/conflict"));
        assertEquals(cap, published().size(), "a refused rotation adds no key");

        // once the superseded keys have retired, a rotation is allowed again and deletes them
        TestTime.set(Instant.now().plusSeconds(15 * 60 + 91).toString());
        admin(tenant).when().post("/v1/signing-keys/rotate").then().statusCode(200);
        assertEquals(2, published().size(), "the current key and the one it replaced");
    }
}
