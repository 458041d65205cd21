package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.etag;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /v1/contacts/batch/upsert: match on externalId, email or id; one result per item; bad items fail alone. */
@QuarkusTest
class ContactBatchUpsertTest {

    private final String tenant = newTenant();

    private ValidatableResponse upsert(String matchOn, Bodies.Body<?>... items) {
        return admin(tenant).body(Bodies.batch(matchOn, items)).when().post("/v1/contacts/batch/upsert").then();
    }

    private static Bodies.Contact keyed(String externalId) {
        return Bodies.contact().externalId(externalId);
    }

    @Test
    void createsThenUpdatesMatchingOnExternalId() {
        List<String> ids = upsert("externalId", keyed("shop-1").firstName("Ana"), keyed("shop-2").firstName("Bea")).statusCode(200)
                .body("results.index", contains(0, 1))
                .body("results.status", contains("created", "created"))
                .body("results.version", contains(0, 0))
                .body("created", equalTo(2))
                .extract().path("results.id");

        upsert("externalId", keyed("shop-2").lastName("Soler"), keyed("shop-1").firstName("Ana")).statusCode(200)
                .body("results.status", contains("updated", "unchanged"))
                .body("results.id", contains(ids.get(1), ids.get(0)))
                .body("results.version", contains(1, 0))
                .body("updated", equalTo(1))
                .body("unchanged", equalTo(1))
                .body("failed", equalTo(0));
        admin(tenant).when().get("/v1/contacts/{id}", ids.get(1))
                .then().body("firstName", equalTo("Bea")).body("lastName", equalTo("Soler"));
    }

    /** New contacts of a batch are written in bulk: each must read back exactly as the same contact created alone. */
    @Test
    void storesEveryFieldOfANewContactAsASingleCreateDoes() {
        String company = Seed.company(tenant, Bodies.company().name("Acme"));
        List<String> awkwardTags = List.of("vip", "a,b", "say \"hi\"", "back\\slash", "{braces}", "NULL");
        Function<String, Bodies.Contact> fields = email -> Bodies.contact().email(email)
                .firstName("Ana").lastName("Núñez").phone("+34 600 111 222").companyId(company).lifecycleStage("mql")
                .ownerId("u-1").source("news", "mail", "spring").tags(awkwardTags.toArray(String[]::new)).timeZone("Europe/Madrid")
                .properties(Map.of("tier", "gold", "visits", 3));
        String single = admin(tenant).body(fields.apply("one@acme.es").externalId("x-1").build())
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        // the same person twice: the batch says to create it all the same
        String batched = admin(tenant).body(Bodies.batch("externalId").onDuplicate("create").items(fields.apply("two@acme.es").externalId("x-2")).build())
                .when().post("/v1/contacts/batch/upsert").then().statusCode(200).body("results[0].status", equalTo("created")).extract().path("results[0].id");

        Map<String, Object> one = admin(tenant).when().get("/v1/contacts/{id}", single).then().statusCode(200)
                .header("ETag", etag(0)).extract().jsonPath().getMap("");
        Map<String, Object> two = admin(tenant).when().get("/v1/contacts/{id}", batched).then().statusCode(200)
                .header("ETag", etag(0)).extract().jsonPath().getMap("");
        assertThat(two.get("tags"), equalTo(awkwardTags));
        for (String differs : List.of("id", "email", "externalId", "createdAt", "updatedAt")) {
            one.remove(differs);
            two.remove(differs);
        }
        assertThat(two, equalTo(one));
    }

    @Test
    void matchesOnEmailWhateverItsCase() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").firstName("Ana"));

        upsert("email", Bodies.contact().email(" ANA@Acme.es").lastName("Ruiz"), Bodies.contact().email("bea@acme.es").firstName("Bea")).statusCode(200)
                .body("results.status", contains("updated", "created"))
                .body("results[0].id", equalTo(ana));
        admin(tenant).when().get("/v1/contacts/{id}", ana)
                .then().body("firstName", equalTo("Ana")).body("lastName", equalTo("Ruiz")).body("email", equalTo("ana@acme.es"));
    }

    @Test
    void matchesOnIdAndReportsAnUnknownIdAsNotFound() {
        String ana = Seed.contact(tenant, "Ana", "Ruiz");

        upsert("id", Bodies.contact().with("id", ana).lifecycleStage("customer"),
                Bodies.contact().with("id", "01900000-0000-7000-8000-000000000000").firstName("Nadie")).statusCode(200)
                .body("results.status", contains("updated", "error"))
                .body("results[1].error.status", equalTo(404))
                .body("results[1].error.type", notNullValue())
                .body("results[1].error.detail", notNullValue());
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("lifecycleStage", equalTo("customer"));
        assertThat(Seed.ids(tenant, "contacts"), contains(ana));
    }

    @Test
    void refusesAnItemThatMatchesAnArchivedContact() {
        String ana = Seed.contact(tenant, Bodies.contact().externalId("shop-1").firstName("Ana"));
        admin(tenant).when().delete("/v1/contacts/{id}", ana).then().statusCode(204);

        upsert("externalId", keyed("shop-1").firstName("Ana María")).statusCode(200)
                .body("results[0].status", equalTo("error"))
                .body("results[0].error.status", equalTo(409));
    }

    static Stream<Arguments> badItems() {
        return Stream.of(
                Arguments.of("a bad email", keyed("bad").email("not-an-email"), 400, "email"),
                // the constraints a batch checks without the validator for valid items: each broken one still gets the validator's error
                Arguments.of("an email with two dots in a row", keyed("bad").email("ana..ruiz@acme.es"), 400, "email"),
                Arguments.of("an email whose domain starts with a hyphen", keyed("bad").email("ana@-acme.es"), 400, "email"),
                Arguments.of("a first name over 100 characters", keyed("bad").firstName("a".repeat(101)), 400, "firstName"),
                Arguments.of("a nested field over its size", keyed("bad").source("u".repeat(201), null, null), 400, "source.utmSource"),
                Arguments.of("more than 50 tags", keyed("bad").tags(Collections.nCopies(51, "t").toArray(String[]::new)), 400, "tags"),
                Arguments.of("an unknown field", keyed("bad").with("nickname", "Anita"), 400, "nickname"),
                Arguments.of("a wrong type", keyed("bad").with("tags", "vip"), 400, "tags"),
                Arguments.of("an unknown stage", keyed("bad").lifecycleStage("king"), 400, "lifecycleStage"),
                Arguments.of("an externalId used earlier in the batch", keyed("good-1").firstName("Twin"), 409, "externalId"),
                Arguments.of("an email used earlier in the batch", keyed("bad").email("GOOD-1@acme.es"), 409, "email"),
                Arguments.of("an email owned by another contact", keyed("bad").email("taken@acme.es"), 409, "email"),
                Arguments.of("an unknown companyId", keyed("bad").companyId("01900000-0000-7000-8000-000000000000"), 400, "companyId"),
                Arguments.of("no match key", Bodies.contact().firstName("Sin Clave"), 400, "externalId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badItems")
    void anItemWithAProblemFailsAloneWhileTheOthersAreWritten(String what, Bodies.Contact badItem, int status, String field) {
        String taken = Seed.contactWithEmail(tenant, "taken@acme.es");

        upsert("externalId", keyed("good-1").email("good-1@acme.es"), badItem, keyed("good-2").firstName("Bea")).statusCode(200)
                .body("results.status", contains("created", "error", "created"))
                .body("results[1]", not(hasKey("id")))
                .body("results[1].error.status", equalTo(status))
                .body("results[1].error.type", notNullValue())
                .body("results[1].error.title", notNullValue())
                .body("results[1].error.detail", notNullValue())
                .body("results[1].error.instance", endsWith("#/items/1"))
                .body("results[1].error.errors[0].field", equalTo(field))
                .body("created", equalTo(2))
                .body("failed", equalTo(1));
        List<String> externalIds = admin(tenant).queryParam("limit", 200).when().get("/v1/contacts")
                .then().extract().path("data.externalId");
        assertThat(externalIds, containsInAnyOrder(null, "good-1", "good-2"));
        admin(tenant).when().get("/v1/contacts/{id}", taken).then().header("ETag", etag(0));
    }

    @Test
    void anUnusualButValidEmailIsStoredAsTheValidatorAllowsIt() {
        upsert("externalId", keyed("u-1").email("josé.o'neil+crm@acme.es"), keyed("u-2").email("a@localhost"))
                .statusCode(200).body("results.status", contains("created", "created"));
    }

    @Test
    void aBadItemsProblemShowsNoInternals() {
        String body = upsert("externalId", keyed("x").email("nope"), keyed("y").with("tags", Map.of("a", 1)))
                .statusCode(200).extract().asString();
        Problems.INTERNALS.forEach(word -> assertThat(body, not(containsString(word))));
    }
}
