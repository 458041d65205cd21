package dev.torre.merge;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import dev.torre.testing.AtOnce;
import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The duplicate check on create: a record that looks like a stored one is refused with 409 naming it, unless the caller says create. */
@QuarkusTest
class DuplicateCheckTest {

    private final String tenant = newTenant();

    @Test
    void aContactWithTheSameMailboxOrPhoneIsRefusedNamingTheMatchAndItsSignals() {
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("Ana.Ruiz+shop@gmail.com").phone("+34 612 345 678").build());
        int before = Seed.eventCount(tenant);

        admin(tenant).body(Map.of("firstName", "Ana", "email", "anaruiz@gmail.com", "phone", "612345678"))
                .when().post("/v1/contacts").then().spec(Problems.problem(409))
                .body("duplicates.id", contains(ana))
                .body("duplicates[0].signals", contains("email", "phone"))
                .body("errors.field", hasItem("email"));
        admin(tenant).body(Map.of("lastName", "Ruiz", "phone", "+34612345678"))
                .when().post("/v1/contacts").then().spec(Problems.problem(409))
                .body("duplicates[0].id", equalTo(ana)).body("duplicates[0].signals", contains("phone"));
        assertEquals(before, Seed.eventCount(tenant), "a refused create writes nothing");
        assertEquals(1, Seed.ids(tenant, "contacts").size());

        admin(tenant).queryParam("onDuplicate", "create").body(Map.of("email", "anaruiz@gmail.com"))
                .when().post("/v1/contacts").then().statusCode(201);
        admin(tenant).queryParam("onDuplicate", "maybe").body(Map.of("email", "x@y.es"))
                .when().post("/v1/contacts").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("onDuplicate"));
        admin(tenant).body(Map.of("firstName", "Ana", "email", "other@x.es")).when().post("/v1/contacts").then().statusCode(201);
    }

    @Test
    void theSamePersonAtTheSameCompanyIsADuplicateButANamesakeElsewhereIsNot() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme").build());
        String beta = Seed.company(tenant, Bodies.company().name("Beta").build());
        String jose = Seed.contact(tenant, Bodies.contact().firstName("José").lastName("García").companyId(acme).build());
        admin(tenant).body(Map.of("firstName", "JOSE", "lastName", "garcia", "companyId", acme)).when().post("/v1/contacts")
                .then().spec(Problems.problem(409)).body("duplicates[0].id", equalTo(jose)).body("duplicates[0].signals", contains("name"));
        admin(tenant).body(Map.of("firstName", "José", "lastName", "García", "companyId", beta)).when().post("/v1/contacts")
                .then().statusCode(201);
    }

    @Test
    void anArchivedLookAlikeDoesNotCount() {
        String old = Seed.contact(tenant, Bodies.contact().email("gone@x.es").build());
        admin(tenant).when().delete("/v1/contacts/{id}", old).then().statusCode(204);
        admin(tenant).body(Map.of("email", "Gone+new@x.es")).when().post("/v1/contacts").then().statusCode(201);
    }

    @Test
    void companiesAreComparedByFoldedNameAndDomainWithoutWww() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme Ibérica").domain("acme.es").build());
        admin(tenant).body(Map.of("name", "ACME IBERICA")).when().post("/v1/companies").then().spec(Problems.problem(409))
                .body("duplicates[0].id", equalTo(acme)).body("duplicates[0].signals", contains("name"));
        admin(tenant).body(Map.of("name", "Acme Portugal", "domain", "www.acme.es")).when().post("/v1/companies").then()
                .spec(Problems.problem(409)).body("duplicates[0].signals", contains("domain"));
        admin(tenant).body(Map.of("name", "Acme Portugal", "domain", "acme.pt")).when().post("/v1/companies").then().statusCode(201);
    }

    @Test
    void aBatchRefusesOnlyTheLookAlikeItemsUnlessToldToCreate() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@x.es").phone("+34612345678").build());
        admin(tenant).body(Map.of("matchOn", "email", "items", lookAlikeNewAndSame("new@x.es")))
                .when().post("/v1/contacts/batch/upsert").then().statusCode(200)
                .body("results[0].status", equalTo("error"))
                .body("results[0].error.status", equalTo(409))
                .body("results[0].error.duplicates[0].id", equalTo(ana))
                .body("results[1].status", equalTo("created"))
                .body("results[2].status", equalTo("updated"));
        admin(tenant).body(Map.of("matchOn", "email", "onDuplicate", "create", "items", lookAlikeNewAndSame("other@x.es")))
                .when().post("/v1/contacts/batch/upsert").then().statusCode(200)
                .body("results[0].status", equalTo("created"));
        admin(tenant).body(Map.of("matchOn", "email", "onDuplicate", "sometimes", "items", List.of(Map.of("email", "z@x.es"))))
                .when().post("/v1/contacts/batch/upsert").then().spec(Problems.problem(400));
    }

    /** Batch items: a look-alike of the stored ana@x.es, a new e-mail, and Ana herself by her stored e-mail. */
    private static List<Map<String, String>> lookAlikeNewAndSame(String newEmail) {
        return List.of(Map.of("email", "ana+1@x.es"), Map.of("email", newEmail), Map.of("email", "ana@x.es", "firstName", "Ana"));
    }

    @Test
    void graphQLCreatesAnswerConflictWithTheMatchesUnlessToldToCreate() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@x.es").build());
        String create = "mutation($e: String, $d: OnDuplicate) { createContact(input: {email: $e}, onDuplicate: $d) { id } }";
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), create, GraphQL.vars("e", "ANA+gql@x.es", "d", null)), "createContact", "CONFLICT")
                .body("errors[0].extensions.duplicates[0].id", equalTo(ana))
                .body("errors[0].extensions.duplicates[0].signals", contains("email"));
        GraphQL.as(Tokens.admin(tenant), create, GraphQL.vars("e", "ANA+gql@x.es", "d", "CREATE"))
                .body("errors", nullValue()).body("data.createContact.id", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void concurrentCreatesOfOnePersonLetExactlyOneThrough() throws Exception {
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String email = "same.person+" + i + "@gmail.com";
            calls.add(() -> admin(tenant).body(Map.of("email", email)).when().post("/v1/contacts"));
        }
        List<Integer> statuses = AtOnce.send(calls).stream().map(Response::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one create wins: " + statuses);
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), "the others find it: " + statuses);
        admin(tenant).when().get("/v1/contacts").then().body("data.email", containsInAnyOrder(org.hamcrest.Matchers.startsWith("same.person+")));
    }
}
