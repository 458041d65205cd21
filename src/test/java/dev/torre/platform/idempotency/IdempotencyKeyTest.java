package dev.torre.platform.idempotency;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The Idempotency-Key header on POST: a retried request is answered, not repeated. */
@QuarkusTest
class IdempotencyKeyTest {

    private static final String ANA = "{\"firstName\":\"Ana\",\"email\":\"ana@acme.es\"}";

    private final String tenant = newTenant();

    private Response createContact(String tenant, String key, String body) {
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

        createContact(tenant, "order-123", "{ \"email\" : \"ana@acme.es\", \"firstName\" : \"Ana\" }")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        createContact(tenant, "order-123", ANA).then().statusCode(201);

        createContact(tenant, "order-123", "{\"firstName\":\"Bea\"}").then().spec(problem(422));
        assertThat(Seed.ids(tenant, "contacts"), hasSize(1));
        assertEquals(1, Seed.eventCount(tenant));
    }

    @Test
    void theSameKeyOnAnotherOperationIsRefused() {
        createContact(tenant, "order-123", ANA).then().statusCode(201);

        admin(tenant).header("Idempotency-Key", "order-123").body("{\"name\":\"Acme\"}").when().post("/v1/companies")
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
        createContact(tenant, "order-123", "{\"email\":\"not-an-email\"}").then().spec(problem(400));

        createContact(tenant, "order-123", ANA).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        createContact(tenant, "order-123", ANA).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void aConflictDoesNotUseUpTheKeyEither() {
        Seed.contact(tenant, ANA);

        createContact(tenant, "order-456", ANA).then().spec(problem(409));
        createContact(tenant, "order-456", "{\"firstName\":\"Bea\"}").then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void aRepeatedBatchIsAnsweredWithTheFirstResultsAndWritesOnce() {
        String batch = "{\"matchOn\":\"externalId\",\"items\":[{\"externalId\":\"a\"},{\"externalId\":\"b\"}]}";
        Response first = admin(tenant).header("Idempotency-Key", "sync-1").body(batch).when().post("/v1/contacts/batch/upsert");
        Response again = admin(tenant).header("Idempotency-Key", "sync-1").body(batch).when().post("/v1/contacts/batch/upsert");

        first.then().statusCode(200).header("Idempotent-Replayed", nullValue());
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertEquals(2, Seed.eventCount(tenant));
        admin(tenant).header("Idempotency-Key", "sync-1").body(batch.replace("\"b\"", "\"c\""))
                .when().post("/v1/contacts/batch/upsert").then().spec(problem(422));
    }

    @Test
    void aRepeatedCompanyCreateIsAnsweredWithTheFirstResponse() {
        Response first = admin(tenant).header("Idempotency-Key", "co-1").body("{\"name\":\"Acme\"}").when().post("/v1/companies");
        Response again = admin(tenant).header("Idempotency-Key", "co-1").body("{\"name\":\"Acme\"}").when().post("/v1/companies");

        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.asString(), again.asString());
        assertThat(Seed.ids(tenant, "companies"), hasSize(1));
    }

    @Test
    void withoutAKeyEveryPostCreates() {
        Seed.contact(tenant, "{\"firstName\":\"Ana\"}");
        Seed.contact(tenant, "{\"firstName\":\"Ana\"}");

        assertThat(Seed.ids(tenant, "contacts"), hasSize(2));
    }

    @Test
    void refusesAKeyThatIsTooLongOrNotPrintableAscii() {
        createContact(tenant, "k".repeat(256), ANA).then().spec(problem(400));
        createContact(tenant, "clave con espacios", ANA).then().spec(problem(400));
        assertThat(Seed.ids(tenant, "contacts"), hasSize(0));
    }
}
