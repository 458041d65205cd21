package dev.torre.platform.security;

import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * A deployment as production runs it: metrics on the management interface only, an audience
 * every token must name, and a shorter maximum token age.
 */
@QuarkusTest
@TestProfile(HardenedDeploymentTest.Hardened.class)
class HardenedDeploymentTest {

    /** What prod sets (management interface) plus the optional token rules a deployment may turn on. */
    public static class Hardened implements QuarkusTestProfile {

        static final int MANAGEMENT_PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true",
                    "quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT),
                    "mp.jwt.verify.audiences", "torre-api",
                    "torre.security.max-token-age", "PT1H");
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final String tenant = newTenant();

    private JwtClaimsBuilder admin() {
        return Jwt.issuer("torre-dev").subject("tester").groups(Set.of("admin")).claim("tid", tenant);
    }

    @Test
    void metricsAreServedOnTheManagementPortOnlyWhileHealthStaysPublic() {
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().port(Hardened.MANAGEMENT_PORT).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_"));
    }

    @Test
    void aTokenMustNameTheConfiguredAudience() {
        as(Tokens.sign(admin().audience("torre-api"))).when().get("/v1/contacts").then().statusCode(200);
        as(Tokens.sign(admin())).when().get("/v1/contacts").then().statusCode(401)
                .body("type", equalTo("/problems/unauthenticated"));
        as(Tokens.sign(admin().audience("another-api"))).when().get("/v1/contacts").then().statusCode(401);
    }

    @Test
    void theMaximumTokenAgeIsConfigurable() {
        Instant now = Instant.now();
        as(Tokens.sign(admin().audience("torre-api").issuedAt(now.minusSeconds(50 * 60)).expiresAt(now.plusSeconds(5 * 60))))
                .when().get("/v1/contacts").then().statusCode(200);
        as(Tokens.sign(admin().audience("torre-api").issuedAt(now.minusSeconds(2 * 3600)).expiresAt(now.plusSeconds(5 * 60))))
                .when().get("/v1/contacts").then().statusCode(401);
        as(Tokens.sign(admin().audience("torre-api").issuedAt(now).expiresAt(now.plusSeconds(3 * 3600))))
                .when().get("/v1/contacts").then().statusCode(401);
    }
}
