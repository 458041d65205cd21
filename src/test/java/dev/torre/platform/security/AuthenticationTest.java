package dev.torre.platform.security;

import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/** Who gets in: only bearers of a token this server signed, for its issuer, unexpired, naming a tenant. */
@QuarkusTest
class AuthenticationTest {

    private static final String CONTACTS_QUERY = """
            query { contacts { edges { node { id } } } }
            """;

    private final String tenant = newTenant();

    /** Tokens the server must refuse before any work; built lazily, once the test key pair exists. */
    static Stream<Named<Supplier<String>>> refusedTokens() {
        return Stream.of(
                Named.of("a malformed token", () -> "not.a.jwt"),
                Named.of("a token signed by a foreign key", () -> Tokens.foreign(newTenant())),
                Named.of("an expired token", AuthenticationTest::expired),
                Named.of("a token of another issuer", AuthenticationTest::otherIssuer),
                Named.of("a token issued more than a day ago, though unexpired", () -> aged(Duration.ofHours(25), Duration.ofHours(1))),
                Named.of("a token issued now to live more than a day", () -> aged(Duration.ZERO, Duration.ofHours(25))));
    }

    @Test
    void refusesARestRequestWithoutAToken() {
        given().when().get("/v1/contacts")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("Content-Type", startsWith("application/problem+json"))
                .body("status", equalTo(401))
                .body("type", equalTo("/problems/unauthenticated"))
                .body("instance", equalTo("/v1/contacts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusesOverRest(Supplier<String> token) {
        as(token.get()).when().get("/v1/contacts")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("Content-Type", startsWith("application/problem+json"))
                .body("status", equalTo(401))
                .body("type", equalTo("/problems/unauthenticated"))
                .body("detail", not(emptyString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusesOverGraphQL(Supplier<String> token) {
        GraphQL.as(token.get(), CONTACTS_QUERY).statusCode(401);
    }

    @Test
    void refusesAGraphQLRequestWithoutAToken() {
        given().contentType(ContentType.JSON).body("""
                {"query":"query { contacts { edges { node { id } } } }"}
                """)
                .when().post("/graphql")
                .then().statusCode(401);
    }

    @ParameterizedTest(name = "tid = \"{0}\"")
    @ValueSource(strings = { "", "../other", "tenant with spaces" })
    void refusesATenantIdThatIsNotOne(String tid) {
        as(Tokens.sign(Jwt.issuer("torre-dev").subject("tester").groups(Set.of("admin")).claim("tid", tid)))
                .when().get("/v1/contacts")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("/problems/unauthenticated"));
    }

    @Test
    void refusesATokenWithoutTenantOverRest() {
        as(Tokens.of(null, "admin", null)).when().get("/v1/contacts")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("Content-Type", startsWith("application/problem+json"))
                .body("status", equalTo(401))
                .body("type", equalTo("/problems/unauthenticated"));
        as(Tokens.of(null, "admin", null)).body("""
                {"email":"someone@example.com"}
                """).when().post("/v1/contacts")
                .then().statusCode(401);
    }

    @Test
    void refusesATokenWithoutTenantOverGraphQL() {
        GraphQL.as(Tokens.of(null, "admin", null), CONTACTS_QUERY)
                .statusCode(200)
                .body("data.contacts", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void acceptsAValidToken() {
        as(Tokens.admin(tenant)).when().get("/v1/contacts").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi" })
    void leavesOperationalEndpointsOpen(String path) {
        given().when().get(path).then().statusCode(200);
    }

    private static String expired() {
        Instant now = Instant.now();
        return Tokens.sign(Jwt.issuer("torre-dev").subject("tester").groups(Set.of("admin")).claim("tid", newTenant())
                .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600)));
    }

    /** A token issued this long ago, expiring this long from now: past torre.security.max-token-age's default day. */
    private static String aged(Duration issuedAgo, Duration expiresIn) {
        Instant now = Instant.now();
        return Tokens.sign(Jwt.issuer("torre-dev").subject("tester").groups(Set.of("admin")).claim("tid", newTenant())
                .issuedAt(now.minus(issuedAgo)).expiresAt(now.plus(expiresIn)));
    }

    private static String otherIssuer() {
        return Tokens.sign(Jwt.issuer("someone-else").subject("tester").groups(Set.of("admin")).claim("tid", newTenant()));
    }
}
