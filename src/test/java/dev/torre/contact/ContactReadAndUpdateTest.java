package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.etag;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** GET and PATCH /v1/contacts/{id}: ETags, conditional requests and JSON Merge Patch. */
@QuarkusTest
class ContactReadAndUpdateTest {

    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    private final String tenant = newTenant();

    @Test
    void readsAContactWithItsVersionAsETag() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).when().get("/v1/contacts/{id}", id)
                .then().statusCode(200)
                .header("ETag", etag(0))
                .body("id", equalTo(id))
                .body("lastName", equalTo("Ruiz"));
    }

    @Test
    void answersNotModifiedWhenIfNoneMatchNamesTheCurrentETag() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).header("If-None-Match", etag(0)).when().get("/v1/contacts/{id}", id)
                .then().statusCode(304).header("ETag", etag(0)).body(emptyString());
    }

    @Test
    void answersTheContactWhenIfNoneMatchNamesAnOlderETag() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");
        admin(tenant).body(Bodies.contact().lastName("Ruiz Soler").build()).when().patch("/v1/contacts/{id}", id).then().statusCode(200);

        admin(tenant).header("If-None-Match", etag(0)).when().get("/v1/contacts/{id}", id)
                .then().statusCode(200).header("ETag", etag(1)).body("lastName", equalTo("Ruiz Soler"));
    }

    @Test
    void answersNotFoundForAnIdThatNamesNoContact() {
        admin(tenant).when().get("/v1/contacts/{id}", "01900000-0000-7000-8000-000000000000")
                .then().spec(problem(404));
    }

    @Test
    void mergesAPatchIntoTheContactLeavingOtherFieldsAlone() {
        String id = Seed.contact(tenant, """
                {"firstName":"Ana","lastName":"Ruiz","email":"ana@acme.es","tags":["vip"]}
                """);

        admin(tenant).contentType(MERGE_PATCH).body(Bodies.contact().lastName("Ruiz Soler").lifecycleStage("mql").build())
                .when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200)
                .header("ETag", etag(1))
                .body("version", equalTo(1))
                .body("firstName", equalTo("Ana"))
                .body("lastName", equalTo("Ruiz Soler"))
                .body("lifecycleStage", equalTo("mql"))
                .body("email", equalTo("ana@acme.es"))
                .body("tags", contains("vip"));
    }

    @Test
    void acceptsAPatchSentAsPlainJson() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).body(Bodies.contact().firstName("Anabel").build()).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200).body("firstName", equalTo("Anabel")).body("lastName", equalTo("Ruiz"));
    }

    @Test
    void clearsAFieldPatchedWithNull() {
        String id = Seed.contact(tenant, Bodies.contact().firstName("Ana").phone("612 345 678").ownerId("u-7").build());

        admin(tenant).contentType(MERGE_PATCH).body(Bodies.contact().phone(null).ownerId(null).build())
                .when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200).body("phone", nullValue()).body("ownerId", nullValue()).body("firstName", equalTo("Ana"));
    }

    @Test
    void mergesCustomPropertiesKeyByKey() {
        String id = Seed.contact(tenant, """
                {"firstName":"Ana","properties":{"plan":"pro","seats":5,"trial":true}}
                """);

        admin(tenant).contentType(MERGE_PATCH).body("""
                {"properties":{"seats":7,"region":"south","trial":null}}
                """).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200)
                .body("properties", equalTo(Map.of("plan", "pro", "seats", 7, "region", "south")));
    }

    @Test
    void bumpsTheVersionOnEveryChangeAndTheETagFollows() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).body(Bodies.contact().lastName("Soler").build()).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200).header("ETag", etag(1));
        admin(tenant).body(Bodies.contact().lastName("Vidal").build()).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200).header("ETag", etag(2)).body("version", equalTo(2));
        admin(tenant).when().get("/v1/contacts/{id}", id).then().header("ETag", etag(2));
    }

    @Test
    void keepsTheVersionWhenAPatchChangesNothing() {
        String id = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").phone("+34612345678").build());
        String updatedAt = admin(tenant).when().get("/v1/contacts/{id}", id).then().extract().path("updatedAt");
        int events = Seed.eventCount(tenant);

        admin(tenant).body(Bodies.contact().firstName("Ana").email("ANA@acme.es").phone("612 345 678").build())
                .when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200)
                .header("ETag", etag(0))
                .body("version", equalTo(0))
                .body("updatedAt", equalTo(updatedAt));
        assertEquals(events, Seed.eventCount(tenant), "an empty change records no event");
    }

    @Test
    void refusesAPatchWithAStaleIfMatchAndChangesNothing() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");
        admin(tenant).body(Bodies.contact().lastName("Soler").build()).when().patch("/v1/contacts/{id}", id).then().statusCode(200);

        admin(tenant).header("If-Match", etag(0)).body(Bodies.contact().lastName("Vidal").build()).when().patch("/v1/contacts/{id}", id)
                .then().spec(problem(412));
        admin(tenant).when().get("/v1/contacts/{id}", id)
                .then().header("ETag", etag(1)).body("lastName", equalTo("Soler"));
    }

    @Test
    void appliesAPatchWhoseIfMatchNamesTheCurrentVersion() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).header("If-Match", etag(0)).body(Bodies.contact().lastName("Vidal").build()).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200).header("ETag", etag(1)).body("lastName", equalTo("Vidal"));
    }

    @Test
    void normalisesEmailAndPhoneInAPatchAsOnCreate() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).body(Bodies.contact().email("  Ana.Ruiz@ACME.es ").phone("612 345 678").build()).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200).body("email", equalTo("ana.ruiz@acme.es")).body("phone", equalTo("+34612345678"));
    }

    @Test
    void refusesAPatchThatTakesAnotherContactsEmail() {
        Seed.contact(tenant, Bodies.contact().email("ana@acme.es").build());
        String bruno = Seed.contact(tenant, Bodies.contact().email("bruno@acme.es").build());

        admin(tenant).body(Bodies.contact().email("ana@acme.es").build()).when().patch("/v1/contacts/{id}", bruno)
                .then().spec(problem(409)).body("errors[0].field", equalTo("email"));
        admin(tenant).when().get("/v1/contacts/{id}", bruno)
                .then().header("ETag", etag(0)).body("email", equalTo("bruno@acme.es"));
    }

    @Test
    void refusesAPatchThatIsNotAJsonObject() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).body(List.of(Bodies.contact().lastName("Vidal").build())).when().patch("/v1/contacts/{id}", id)
                .then().spec(problem(400));
        admin(tenant).when().get("/v1/contacts/{id}", id).then().body("lastName", not(equalTo("Vidal")));
    }
}
