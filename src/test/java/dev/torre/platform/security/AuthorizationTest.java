package dev.torre.platform.security;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What a caller may do: {@code admin} everything, {@code readonly} only reads, a token's
 * {@code scope} claim narrows further, and an unknown role nothing — over REST and GraphQL alike.
 */
@QuarkusTest
class AuthorizationTest {

    /** The writes of a collection, each as an HTTP call on one existing record. */
    enum Write {
        CREATE, UPDATE, ARCHIVE, RESTORE, BATCH;

        Response send(RequestSpecification request, String collection, String id) {
            String base = "/v1/" + collection;
            return switch (this) {
                case CREATE -> request.body(newRecord(collection)).when().post(base);
                case UPDATE -> request.body(Map.of("externalId", "changed")).when().patch(base + "/" + id);
                case ARCHIVE -> request.when().delete(base + "/" + id);
                case RESTORE -> request.when().post(base + "/" + id + "/restore");
                case BATCH -> request.body(Map.of("matchOn", "contacts".equals(collection) ? "email" : "domain",
                        "items", List.of(newRecord(collection)))).when().post(base + "/batch/upsert");
            };
        }
    }

    private final String tenant = newTenant();

    static Stream<Arguments> everyWrite() {
        return Stream.of("contacts", "companies")
                .flatMap(collection -> Stream.of(Write.values()).map(write -> Arguments.of(collection, write)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyWrite")
    void adminMayWrite(String collection, Write write) {
        String id = create(collection);
        if (write == Write.RESTORE) {
            admin(tenant).when().delete("/v1/" + collection + "/" + id).then().statusCode(204);
        }
        var answer = write.send(admin(tenant), collection, id).then();
        var stored = switch (write) {
            case CREATE -> {
                answer.statusCode(201);
                admin(tenant).when().get("/v1/" + collection).then().body("data", hasSize(2));
                yield null;
            }
            case UPDATE -> {
                answer.statusCode(200);
                yield admin(tenant).when().get("/v1/" + collection + "/" + id).then().body("externalId", equalTo("changed"));
            }
            case ARCHIVE -> {
                answer.statusCode(204);
                yield admin(tenant).when().get("/v1/" + collection + "/" + id).then().body("archivedAt", org.hamcrest.Matchers.notNullValue());
            }
            case RESTORE -> {
                answer.statusCode(200);
                yield admin(tenant).when().get("/v1/" + collection + "/" + id).then().body("archivedAt", nullValue());
            }
            case BATCH -> {
                answer.statusCode(200).body("results[0].status", equalTo("created"));
                yield admin(tenant).when().get("/v1/" + collection).then().body("data", hasSize(2));
            }
        };
        if (stored != null) {
            stored.statusCode(200);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyWrite")
    void readonlyMayNotWriteAndChangesNothing(String collection, Write write) {
        String id = create(collection);
        forbidden(write.send(as(Tokens.readonly(tenant)), collection, id));

        admin(tenant).when().get("/v1/" + collection + "/" + id)
                .then().statusCode(200)
                .body("version", equalTo(0))
                .body("externalId", nullValue())
                .body("archivedAt", nullValue());
        admin(tenant).when().get("/v1/" + collection).then().body("data", hasSize(1));
    }

    @Test
    void readonlyMayRead() {
        String company = create("companies");
        String contact = admin(tenant).body(Map.of("email", "reader@example.com", "companyId", company))
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        as(Tokens.readonly(tenant)).when().get("/v1/contacts").then().statusCode(200).body("data", hasSize(1));
        as(Tokens.readonly(tenant)).when().get("/v1/contacts/" + contact).then().statusCode(200);
        as(Tokens.readonly(tenant)).body(Map.of("q", "reader")).when().post("/v1/contacts/search").then().statusCode(200);
        as(Tokens.readonly(tenant)).when().get("/v1/companies").then().statusCode(200).body("data", hasSize(1));
        as(Tokens.readonly(tenant)).when().get("/v1/companies/" + company).then().statusCode(200);
        as(Tokens.readonly(tenant)).body(Map.of()).when().post("/v1/companies/search").then().statusCode(200);
        as(Tokens.readonly(tenant)).when().get("/v1/companies/" + company + "/contacts").then().statusCode(200)
                .body("data", hasSize(1));
    }

    @Test
    void aContactsReadScopeListsContactsOnly() {
        String contact = create("contacts");
        String company = create("companies");
        String partner = Tokens.of(tenant, "admin", "contacts:read");

        as(partner).when().get("/v1/contacts").then().statusCode(200).body("data", hasSize(1));
        as(partner).when().get("/v1/contacts/" + contact).then().statusCode(200);
        forbidden(as(partner).when().get("/v1/companies"));
        forbidden(as(partner).when().get("/v1/companies/" + company));
        for (Write write : Write.values()) {
            forbidden(write.send(as(partner), "contacts", contact));
        }
    }

    @Test
    void aContactsWriteScopeWritesContactsButNotCompanies() {
        String company = create("companies");
        String partner = Tokens.of(tenant, "admin", "contacts:read contacts:write");

        String contact = as(partner).body(Map.of("email", "partner@example.com"))
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        as(partner).body(Map.of("firstName", "Paula")).when().patch("/v1/contacts/" + contact)
                .then().statusCode(200).body("firstName", equalTo("Paula"));
        for (Write write : Write.values()) {
            forbidden(write.send(as(partner), "companies", company));
        }
        forbidden(as(partner).when().get("/v1/companies"));
    }

    /** An admin token narrowed by claims as identity providers write them. */
    private String narrowed(Map<String, Object> claims) {
        var builder = io.smallrye.jwt.build.Jwt.issuer("torre-dev").subject("partner").groups(java.util.Set.of("admin")).claim("tid", tenant);
        claims.forEach(builder::claim);
        return Tokens.sign(builder);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("contactsOnlyClaims")
    void scpAndArraysNarrowLikeScope(String how, Map<String, Object> claims) {
        String contact = create("contacts");
        String partner = narrowed(claims);

        as(partner).when().get("/v1/contacts").then().statusCode(200).body("data", hasSize(1));
        forbidden(as(partner).when().get("/v1/companies"));
        forbidden(Write.UPDATE.send(as(partner), "contacts", contact));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> contactsOnlyClaims() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("scp as a string", Map.of("scp", "contacts:read")),
                org.junit.jupiter.params.provider.Arguments.of("scp as an array", Map.of("scp", List.of("contacts:read"))),
                org.junit.jupiter.params.provider.Arguments.of("scope as an array", Map.of("scope", List.of("contacts:read"))),
                org.junit.jupiter.params.provider.Arguments.of("a scope listed twice", Map.of("scope", "contacts:read contacts:read")),
                org.junit.jupiter.params.provider.Arguments.of("scope and scp: only what both allow",
                        Map.of("scope", "contacts:read companies:read contacts:write", "scp", List.of("contacts:read", "deals:read"))));
    }

    @Test
    void aScopeClaimOfAnotherShapeAllowsNothing() {
        String partner = narrowed(Map.of("scp", Map.of("contacts", "read")));
        forbidden(as(partner).when().get("/v1/contacts"));
        forbidden(as(narrowed(Map.of("scope", 42))).when().get("/v1/contacts"));
    }

    @Test
    void aScopeDoesNotWidenTheRole() {
        String contact = create("contacts");
        forbidden(Write.UPDATE.send(as(Tokens.of(tenant, "readonly", "contacts:read contacts:write")), "contacts", contact));
    }

    @Test
    void anUnknownRoleMayDoNothing() {
        String contact = create("contacts");
        String guest = Tokens.of(tenant, "guest", null);

        forbidden(as(guest).when().get("/v1/contacts"));
        forbidden(as(guest).when().get("/v1/contacts/" + contact));
        forbidden(as(guest).when().get("/v1/companies"));
        forbidden(Write.CREATE.send(as(guest), "contacts", contact));
    }

    @Test
    void graphQLFollowsTheSameRules() {
        String readonly = Tokens.readonly(tenant);
        GraphQL.as(readonly, """
                query { contacts { edges { node { id } } } companies { edges { node { id } } } }
                """)
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.contacts.edges", hasSize(0));
        GraphQL.as(readonly, """
                mutation Create($input: ContactInput!) { createContact(input: $input) { id } }
                """, Map.of("input", Map.of("email", "ro@example.com")))
                .statusCode(200)
                .body("data.createContact", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].path[0]", equalTo("createContact"));
        GraphQL.as(readonly, """
                mutation Create($input: CompanyInput!) { createCompany(input: $input) { id } }
                """, Map.of("input", Map.of("name", "Read Only SL")))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        String partner = Tokens.of(tenant, "admin", "contacts:read");
        GraphQL.as(partner, """
                query { companies { edges { node { id } } } }
                """)
                .body("data.companies", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        GraphQL.as(partner, """
                mutation Create($input: ContactInput!) { createContact(input: $input) { id } }
                """, Map.of("input", Map.of("email", "partner@example.com")))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        GraphQL.as(Tokens.of(tenant, "guest", null), """
                query { contacts { edges { node { id } } } }
                """)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        admin(tenant).when().get("/v1/contacts").then().body("data", hasSize(0));
        admin(tenant).when().get("/v1/companies").then().body("data", hasSize(0));
    }

    private String create(String collection) {
        return admin(tenant).body(newRecord(collection)).when().post("/v1/" + collection)
                .then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> newRecord(String collection) {
        String unique = newTenant();
        return "contacts".equals(collection)
                ? Map.of("email", unique + "@example.com")
                : Map.of("name", "Company " + unique, "domain", unique + ".example.com");
    }

    private static void forbidden(Response response) {
        response.then().statusCode(403)
                .header("Content-Type", startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("type", equalTo("/problems/forbidden"));
    }
}
