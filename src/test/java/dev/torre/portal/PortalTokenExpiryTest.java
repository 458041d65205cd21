package dev.torre.portal;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * A preference-portal token stops working when it expires: signed with the server's own portal key
 * and otherwise exactly as the server mints them, but with its expiry behind it.
 */
@QuarkusTest
class PortalTokenExpiryTest {

    @Test
    void anExpiredPortalTokenIsRefusedWhileAFreshOneWorks() throws Exception {
        String tenant = newTenant();
        String contact = Seed.contact(tenant, Bodies.contact().email("late@example.com").build());
        String fresh = admin(tenant).when().post("/v1/contacts/" + contact + "/portal-tokens").then().statusCode(201)
                .extract().path("token");
        as(fresh).when().get("/v1/me/profile").then().statusCode(200);

        String expired = Jwt.issuer("torre-portal").subject(contact).groups(Set.of("portal")).claim("tid", tenant)
                .claim("scope", "me:read me:write")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600))
                .sign(portalKey());
        as(expired).when().get("/v1/me/profile").then().spec(problem(401));
        as(expired).when().get("/v1/me/preferences").then().spec(problem(401));
    }

    /** The portal's private key, written for this test run by TorreTestResource. */
    private static PrivateKey portalKey() throws Exception {
        String pem = Files.readString(Path.of("target", "test-portal-private.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
