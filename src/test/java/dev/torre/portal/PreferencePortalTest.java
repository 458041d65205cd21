package dev.torre.portal;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/** The preference portal: Torre's own tokens, what a contact may see and change of itself, and nothing else. */
@QuarkusTest
class PreferencePortalTest {

    private final String tenant = newTenant();
    private String contact;
    private String token;

    @BeforeEach
    void aContactWithAPortalToken() {
        contact = Seed.contact(tenant, Bodies.contact().firstName("Nuria").lastName("Vidal").email("nuria@example.com").build());
        token = as(Tokens.of(tenant, "marketing", null)).when().post("/v1/contacts/" + contact + "/portal-tokens")
                .then().statusCode(201).body("contactId", equalTo(contact)).body("expiresAt", notNullValue())
                .extract().path("token");
    }

    @Test
    void theContactReadsAndChangesItsOwnProfile() {
        as(token).when().get("/v1/me/profile").then().statusCode(200)
                .body("id", equalTo(contact)).body("email", equalTo("nuria@example.com"));
        as(token).body(Map.of("firstName", "Núria", "locale", "ca-ES")).when().patch("/v1/me/profile").then().statusCode(200)
                .body("firstName", equalTo("Núria")).body("locale", equalTo("ca-ES"));
        admin(tenant).when().get("/v1/contacts/" + contact).then().body("firstName", equalTo("Núria"));

        as(token).body(Map.of("email", "someone@else.com")).when().patch("/v1/me/profile").then().spec(problem(400))
                .body("errors[0].field", equalTo("email"));
        as(token).body(Map.of("locale", "not a locale!")).when().patch("/v1/me/profile").then().spec(problem(400));
        as(token).body(Map.of("lastName", 42)).when().patch("/v1/me/profile").then().spec(problem(400));
        admin(tenant).when().get("/v1/contacts/" + contact).then().body("email", equalTo("nuria@example.com"))
                .body("lastName", equalTo("Vidal"));
    }

    @Test
    void theContactsOwnDecisionsGoToTheLedgerWithProof() {
        as(token).header("User-Agent", "PortalBrowser/1.0")
                .body(List.of(Map.of("purpose", "marketing", "channel", "email", "status", "granted", "wordingVersion", "prefs-v3"),
                        Map.of("purpose", "profiling", "channel", "all", "status", "denied")))
                .when().post("/v1/me/preferences").then().statusCode(200).body("data", hasSize(2));
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/history").then().statusCode(200)
                .body("data", hasSize(2))
                .body("data.find { it.purpose == 'marketing' }.source", equalTo("portal"))
                .body("data.find { it.purpose == 'marketing' }.proof.userAgent", equalTo("PortalBrowser/1.0"))
                .body("data.find { it.purpose == 'marketing' }.proof.ip", notNullValue())
                .body("data.find { it.purpose == 'marketing' }.proof.wordingVersion", equalTo("prefs-v3"));
        as(token).when().get("/v1/me/preferences").then().statusCode(200).body("data", hasSize(2));

        as(token).body(List.of(Map.of("purpose", "marketing", "channel", "sms", "status", "granted")))
                .when().post("/v1/me/preferences").then().spec(problem(400)).body("errors[0].field", equalTo("proof.wording"));
        as(token).body(List.of(Map.of("purpose", "spam", "channel", "sms", "status", "denied")))
                .when().post("/v1/me/preferences").then().spec(problem(400)).body("errors[0].field", equalTo("purpose"));
        as(token).body(List.of()).when().post("/v1/me/preferences").then().spec(problem(400));
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/history").then().body("data", hasSize(2));
    }

    @Test
    void theContactExportsItsOwnData() {
        as(token).body(List.of(Map.of("purpose", "analytics", "channel", "all", "status", "denied")))
                .when().post("/v1/me/preferences").then().statusCode(200);
        as(token).when().get("/v1/me/data-export").then().statusCode(200)
                .body("profile.id", equalTo(contact))
                .body("profile.email", equalTo("nuria@example.com"))
                .body("consentHistory", hasSize(1))
                .body("events.find { it.type == 'contact.created' }.entityId", equalTo(contact))
                .body("events.find { it.type == 'consent.recorded' }.payload.purpose", equalTo("analytics"));
    }

    @Test
    void aPortalTokenReachesNothingButItsOwnMe() {
        String other = Seed.contact(tenant, "Otro", "Contacto");
        List<String> gets = List.of("/v1/contacts", "/v1/contacts/" + contact, "/v1/contacts/" + other,
                "/v1/contacts/" + contact + "/consents", "/v1/contacts/" + contact + "/contactability?purpose=marketing&channel=email",
                "/v1/companies", "/v1/events", "/v1/consent-policy", "/v1/me", "/v1/meta", "/v1/me/../contacts",
                "/v1/me/%2e%2e/contacts", "/q/health", "/q/openapi", "/graphql/schema.graphql");
        for (String path : gets) {
            as(token).urlEncodingEnabled(false).when().get(path).then().spec(problem(403));
        }
        as(token).body(Map.of("email", "x@example.com")).when().post("/v1/contacts").then().spec(problem(403));
        as(token).when().post("/v1/contacts/" + other + "/portal-tokens").then().spec(problem(403));
        as(token).body(Map.of("purpose", "marketing", "channel", "email", "status", "granted", "lawfulBasis", "consent",
                "source", "api", "proof", Map.of("wordingVersion", "v")))
                .when().post("/v1/contacts/" + other + "/consents").then().spec(problem(403));
        as(token).when().delete("/v1/contacts/" + contact).then().spec(problem(403));
        as(token).body(Map.of("query", "{ contacts { edges { node { id email } } } }")).when().post("/graphql")
                .then().spec(problem(403));
        // the other contact is untouched, and a token speaks only for its own subject
        admin(tenant).when().get("/v1/contacts/" + other).then().statusCode(200).body("archivedAt", equalTo(null));
        String otherToken = admin(tenant).when().post("/v1/contacts/" + other + "/portal-tokens").then().extract().path("token");
        as(otherToken).when().get("/v1/me/profile").then().body("id", equalTo(other));
    }

    @Test
    void onlyTorreSignsPortalTokens() {
        // a token naming the portal issuer but signed with another key (here: the partner issuer's) is not accepted
        String forged = Tokens.sign(Jwt.issuer("torre-portal").subject(contact).groups(Set.of("portal")).claim("tid", tenant)
                .claim("scope", "me:read me:write"));
        as(forged).when().get("/v1/me/profile").then().spec(problem(401));
        // partner tokens keep working, but cannot act as a contact
        admin(tenant).when().get("/v1/me/profile").then().spec(problem(403));
        given().contentType(ContentType.JSON).when().get("/v1/me/profile").then().spec(problem(401));
    }

    @Test
    void mintingIsForMarketingAndAdminOnContactsOfTheirTenant() {
        as(Tokens.of(tenant, "sales", null)).when().post("/v1/contacts/" + contact + "/portal-tokens").then().spec(problem(403));
        as(Tokens.readonly(tenant)).when().post("/v1/contacts/" + contact + "/portal-tokens").then().spec(problem(403));
        admin(tenant).when().post("/v1/contacts/" + UUID.randomUUID() + "/portal-tokens").then().spec(problem(404));
        String foreign = Seed.contact(newTenant(), "Ajena", "Persona");
        admin(tenant).when().post("/v1/contacts/" + foreign + "/portal-tokens").then().spec(problem(404));
        admin(tenant).queryParam("types", "portal_token.issued").when().get("/v1/events").then()
                .body("data", hasSize(1)).body("data[0].payload.token", equalTo(null));
    }
}
