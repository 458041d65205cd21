package dev.torre.platform.idempotency;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The Idempotency-Key header on POST: a retried request is answered, not repeated. */
@QuarkusTest
class IdempotencyKeyTest {

    private static final Map<String, Object> ANA = Bodies.contact().firstName("Ana").email("ana@acme.es").build();

    private final String tenant = newTenant();

    /** A create under a key; the body is a map, or raw text where its spelling is the point. */
    private Response createContact(String tenant, String key, Object body) {
        return admin(tenant).header("Idempotency-Key", key).body(body).when().post("/v1/contacts");
    }

    @Test
    void aRepeatedCreateIsAnsweredWithTheFirstResponseAndCreatesOnce() {
        Response first = createContact(tenant, "order-123", ANA);
        Response again = createContact(tenant, "order-123", ANA);

        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals(first.asString(), again.asString());
        assertThat(Seed.ids(tenant, "contacts"), hasSize(1));
        assertEquals(1, Seed.eventCount(tenant));
    }

    @Test
    void theSameBodyWrittenDifferentlyIsTheSameRequest() {
        createContact(tenant, "order-123", ANA).then().statusCode(201);

        createContact(tenant, "order-123", """
                { "email" : "ana@acme.es", "firstName" : "Ana" }""")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        createContact(tenant, "order-123", ANA).then().statusCode(201);

        createContact(tenant, "order-123", Bodies.contact().firstName("Bea").build()).then().spec(problem(422));
        assertThat(Seed.ids(tenant, "contacts"), hasSize(1));
        assertEquals(1, Seed.eventCount(tenant));
    }

    @Test
    void theSameKeyOnAnotherOperationIsRefused() {
        createContact(tenant, "order-123", ANA).then().statusCode(201);

        admin(tenant).header("Idempotency-Key", "order-123").body(Bodies.company().name("Acme").build()).when().post("/v1/companies")
                .then().spec(problem(422));
        assertThat(Seed.ids(tenant, "companies"), hasSize(0));
    }

    @Test
    void tenantsUseTheSameKeyIndependently() {
        String other = newTenant();

        String mine = createContact(tenant, "order-123", ANA).then().statusCode(201).extract().path("id");
        String theirs = createContact(other, "order-123", ANA)
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");

        assertNotEquals(mine, theirs);
        assertThat(Seed.ids(other, "contacts"), contains(theirs));
    }

    @Test
    void aFailedRequestDoesNotUseUpTheKey() {
        createContact(tenant, "order-123", Bodies.contact().email("not-an-email").build()).then().spec(problem(400));

        createContact(tenant, "order-123", ANA).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        createContact(tenant, "order-123", ANA).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void aConflictDoesNotUseUpTheKeyEither() {
        Seed.contact(tenant, ANA);

        createContact(tenant, "order-456", ANA).then().spec(problem(409));
        createContact(tenant, "order-456", Bodies.contact().firstName("Bea").build())
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    /** A contacts batch matching on externalId, one bare item per id. */
    private static Map<String, Object> byExternalId(String... externalIds) {
        return Map.of("matchOn", "externalId", "items", Stream.of(externalIds).map(id -> Bodies.contact().externalId(id).build()).toList());
    }

    @Test
    void aRepeatedBatchIsAnsweredWithTheFirstResultsAndWritesOnce() {
        Map<String, Object> batch = byExternalId("a", "b");
        Response first = admin(tenant).header("Idempotency-Key", "sync-1").body(batch).when().post("/v1/contacts/batch/upsert");
        Response again = admin(tenant).header("Idempotency-Key", "sync-1").body(batch).when().post("/v1/contacts/batch/upsert");

        first.then().statusCode(200).header("Idempotent-Replayed", nullValue());
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertEquals(2, Seed.eventCount(tenant));
        admin(tenant).header("Idempotency-Key", "sync-1").body(byExternalId("a", "c"))
                .when().post("/v1/contacts/batch/upsert").then().spec(problem(422));
    }

    @Test
    void aRepeatedCompanyCreateIsAnsweredWithTheFirstResponse() {
        Map<String, Object> acme = Bodies.company().name("Acme").build();
        Response first = admin(tenant).header("Idempotency-Key", "co-1").body(acme).when().post("/v1/companies");
        Response again = admin(tenant).header("Idempotency-Key", "co-1").body(acme).when().post("/v1/companies");

        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.asString(), again.asString());
        assertThat(Seed.ids(tenant, "companies"), hasSize(1));
    }

    @Test
    void withoutAKeyEveryPostCreates() {
        // plain POSTs, as a client without keys sends them: nothing but the key makes a repeat a replay
        for (int i = 0; i < 2; i++) {
            admin(tenant).body(Bodies.contact().firstName("Ana").build()).when().post("/v1/contacts").then()
                    .statusCode(201).header("Idempotent-Replayed", nullValue());
        }

        assertThat(Seed.ids(tenant, "contacts"), hasSize(2));
    }

    @Test
    void anotherActorNeverGetsTheStoredAnswer() {
        Response first = as(Tokens.of(tenant, "admin", null, "alice")).header("Idempotency-Key", "order-123").body(ANA)
                .when().post("/v1/contacts");
        first.then().statusCode(201);

        // a reader may not create, and a key it reuses does not make it able to
        as(Tokens.of(tenant, "readonly", null, "bob")).header("Idempotency-Key", "order-123").body(ANA)
                .when().post("/v1/contacts").then().spec(problem(403)).header("Idempotent-Replayed", nullValue());
        // another writer's key is its own: the same key and body create its own contact
        Response bobs = as(Tokens.of(tenant, "sales", null, "bob")).header("Idempotency-Key", "order-123")
                .body(Bodies.contact().firstName("Ana").email("ana@bob.es").build()).when().post("/v1/contacts");
        bobs.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertNotEquals(first.header("Location"), bobs.header("Location"));
        // and so is it for another body (no 422 about alice's request)
        as(Tokens.of(tenant, "sales", null, "carol")).header("Idempotency-Key", "order-123").body(Bodies.contact().firstName("Carla").build())
                .when().post("/v1/contacts").then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertThat(Seed.ids(tenant, "contacts"), hasSize(3));
        // alice herself still gets her answer back
        as(Tokens.of(tenant, "admin", null, "alice")).header("Idempotency-Key", "order-123").body(ANA).when().post("/v1/contacts")
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", first.header("Location"));
    }

    @Test
    void aReplayIsAuthorisedLikeTheRequestItRepeats() {
        String alice = Tokens.of(tenant, "sales", null, "alice");
        Response first = as(alice).header("Idempotency-Key", "order-9").body(ANA).when().post("/v1/contacts");
        first.then().statusCode(201);

        // the same actor with a token narrowed to reading, or after losing write access, gets no replay
        as(Tokens.of(tenant, "sales", "contacts:read", "alice")).header("Idempotency-Key", "order-9").body(ANA)
                .when().post("/v1/contacts").then().spec(problem(403)).header("Idempotent-Replayed", nullValue());
        admin(tenant).body(java.util.Map.of("read", true, "write", false)).when().put("/v1/access-policy/sales/contact")
                .then().statusCode(200);
        as(alice).header("Idempotency-Key", "order-9").body(ANA).when().post("/v1/contacts").then().spec(problem(403))
                .header("Idempotent-Replayed", nullValue());
        admin(tenant).body(java.util.Map.of("read", true, "write", true)).when().put("/v1/access-policy/sales/contact")
                .then().statusCode(200);
        as(alice).header("Idempotency-Key", "order-9").body(ANA).when().post("/v1/contacts").then().statusCode(201)
                .header("Idempotent-Replayed", "true");
        assertThat(Seed.ids(tenant, "contacts"), hasSize(1));
    }

    @Test
    void refusesAKeyThatIsTooLongOrNotPrintableAscii() {
        createContact(tenant, "k".repeat(256), ANA).then().spec(problem(400));
        createContact(tenant, "clave con espacios", ANA).then().spec(problem(400));
        assertThat(Seed.ids(tenant, "contacts"), hasSize(0));
    }
}
