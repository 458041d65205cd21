package dev.torre.contact;

import static dev.torre.testing.Api.admin;
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

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /v1/contacts/batch/upsert: match on externalId, email or id; one result per item; bad items fail alone. */
@QuarkusTest
class ContactBatchUpsertTest {

    private final String tenant = newTenant();

    private ValidatableResponse upsert(String matchOn, String items) {
        return admin(tenant).body("{\"matchOn\":\"" + matchOn + "\",\"items\":" + items + "}")
                .when().post("/v1/contacts/batch/upsert").then();
    }

    @Test
    void createsThenUpdatesMatchingOnExternalId() {
        List<String> ids = upsert("externalId", """
                [{"externalId":"shop-1","firstName":"Ana"},{"externalId":"shop-2","firstName":"Bea"}]
                """).statusCode(200)
                .body("results.index", contains(0, 1))
                .body("results.status", contains("created", "created"))
                .body("results.version", contains(0, 0))
                .body("created", equalTo(2))
                .extract().path("results.id");

        upsert("externalId", """
                [{"externalId":"shop-2","lastName":"Soler"},{"externalId":"shop-1","firstName":"Ana"}]
                """).statusCode(200)
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
        String company = Seed.company(tenant, "{\"name\":\"Acme\"}");
        String fields = """
                "firstName":"Ana","lastName":"Núñez","phone":"+34 600 111 222","companyId":"%s","lifecycleStage":"mql",
                "ownerId":"u-1","source":{"utmSource":"news","utmMedium":"mail","utmCampaign":"spring"},
                "tags":["vip","a,b","say \\"hi\\"","back\\\\slash","{braces}","NULL"],"timeZone":"Europe/Madrid",
                "properties":{"tier":"gold","visits":3}""".formatted(company);
        String single = admin(tenant).body("{\"email\":\"one@acme.es\",\"externalId\":\"x-1\"," + fields + "}")
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        // the same person twice: the batch says to create it all the same
        String batched = admin(tenant).body("{\"matchOn\":\"externalId\",\"onDuplicate\":\"create\",\"items\":[{\"email\":\"two@acme.es\","
                + "\"externalId\":\"x-2\"," + fields + "}]}").when().post("/v1/contacts/batch/upsert").then().statusCode(200).body("results[0].status", equalTo("created")).extract().path("results[0].id");

        java.util.Map<String, Object> one = admin(tenant).when().get("/v1/contacts/{id}", single).then().statusCode(200)
                .header("ETag", "\"0\"").extract().jsonPath().getMap("");
        java.util.Map<String, Object> two = admin(tenant).when().get("/v1/contacts/{id}", batched).then().statusCode(200)
                .header("ETag", "\"0\"").extract().jsonPath().getMap("");
        assertThat(two.get("tags"), equalTo(List.of("vip", "a,b", "say \"hi\"", "back\\slash", "{braces}", "NULL")));
        for (String differs : List.of("id", "email", "externalId", "createdAt", "updatedAt")) {
            one.remove(differs);
            two.remove(differs);
        }
        assertThat(two, equalTo(one));
    }

    @Test
    void matchesOnEmailWhateverItsCase() {
        String ana = Seed.contact(tenant, "{\"email\":\"ana@acme.es\",\"firstName\":\"Ana\"}");

        upsert("email", """
                [{"email":" ANA@Acme.es","lastName":"Ruiz"},{"email":"bea@acme.es","firstName":"Bea"}]
                """).statusCode(200)
                .body("results.status", contains("updated", "created"))
                .body("results[0].id", equalTo(ana));
        admin(tenant).when().get("/v1/contacts/{id}", ana)
                .then().body("firstName", equalTo("Ana")).body("lastName", equalTo("Ruiz")).body("email", equalTo("ana@acme.es"));
    }

    @Test
    void matchesOnIdAndReportsAnUnknownIdAsNotFound() {
        String ana = Seed.contact(tenant, "Ana", "Ruiz");

        upsert("id", """
                [{"id":"%s","lifecycleStage":"customer"},{"id":"01900000-0000-7000-8000-000000000000","firstName":"Nadie"}]
                """.formatted(ana)).statusCode(200)
                .body("results.status", contains("updated", "error"))
                .body("results[1].error.status", equalTo(404))
                .body("results[1].error.type", notNullValue())
                .body("results[1].error.detail", notNullValue());
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("lifecycleStage", equalTo("customer"));
        assertThat(Seed.ids(tenant, "contacts"), contains(ana));
    }

    @Test
    void refusesAnItemThatMatchesAnArchivedContact() {
        String ana = Seed.contact(tenant, "{\"externalId\":\"shop-1\",\"firstName\":\"Ana\"}");
        admin(tenant).when().delete("/v1/contacts/{id}", ana).then().statusCode(204);

        upsert("externalId", "[{\"externalId\":\"shop-1\",\"firstName\":\"Ana María\"}]").statusCode(200)
                .body("results[0].status", equalTo("error"))
                .body("results[0].error.status", equalTo(409));
    }

    static Stream<Arguments> badItems() {
        return Stream.of(
                Arguments.of("a bad email", "{\"externalId\":\"bad\",\"email\":\"not-an-email\"}", 400, "email"),
                // the constraints a batch checks without the validator for valid items: each broken one still gets the validator's error
                Arguments.of("an email with two dots in a row", "{\"externalId\":\"bad\",\"email\":\"ana..ruiz@acme.es\"}", 400, "email"),
                Arguments.of("an email whose domain starts with a hyphen", "{\"externalId\":\"bad\",\"email\":\"ana@-acme.es\"}", 400, "email"),
                Arguments.of("a first name over 100 characters", "{\"externalId\":\"bad\",\"firstName\":\"" + "a".repeat(101) + "\"}", 400, "firstName"),
                Arguments.of("a nested field over its size", "{\"externalId\":\"bad\",\"source\":{\"utmSource\":\"" + "u".repeat(201) + "\"}}", 400,
                        "source.utmSource"),
                Arguments.of("more than 50 tags", "{\"externalId\":\"bad\",\"tags\":[" + "\"t\",".repeat(50) + "\"t\"]}", 400, "tags"),
                Arguments.of("an unknown field", "{\"externalId\":\"bad\",\"nickname\":\"Anita\"}", 400, "nickname"),
                Arguments.of("a wrong type", "{\"externalId\":\"bad\",\"tags\":\"vip\"}", 400, "tags"),
                Arguments.of("an unknown stage", "{\"externalId\":\"bad\",\"lifecycleStage\":\"king\"}", 400, "lifecycleStage"),
                Arguments.of("an externalId used earlier in the batch", "{\"externalId\":\"good-1\",\"firstName\":\"Twin\"}", 409, "externalId"),
                Arguments.of("an email used earlier in the batch", "{\"externalId\":\"bad\",\"email\":\"GOOD-1@acme.es\"}", 409, "email"),
                Arguments.of("an email owned by another contact", "{\"externalId\":\"bad\",\"email\":\"taken@acme.es\"}", 409, "email"),
                Arguments.of("an unknown companyId", "{\"externalId\":\"bad\",\"companyId\":\"01900000-0000-7000-8000-000000000000\"}", 400, "companyId"),
                Arguments.of("no match key", "{\"firstName\":\"Sin Clave\"}", 400, "externalId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badItems")
    void anItemWithAProblemFailsAloneWhileTheOthersAreWritten(String what, String badItem, int status, String field) {
        String taken = Seed.contact(tenant, "{\"email\":\"taken@acme.es\"}");

        upsert("externalId", "[{\"externalId\":\"good-1\",\"email\":\"good-1@acme.es\"}," + badItem
                + ",{\"externalId\":\"good-2\",\"firstName\":\"Bea\"}]").statusCode(200)
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
        admin(tenant).when().get("/v1/contacts/{id}", taken).then().header("ETag", "\"0\"");
    }

    @Test
    void anUnusualButValidEmailIsStoredAsTheValidatorAllowsIt() {
        upsert("externalId", "[{\"externalId\":\"u-1\",\"email\":\"josé.o'neil+crm@acme.es\"},{\"externalId\":\"u-2\",\"email\":\"a@localhost\"}]")
                .statusCode(200).body("results.status", contains("created", "created"));
    }

    @Test
    void aBadItemsProblemShowsNoInternals() {
        String body = upsert("externalId", "[{\"externalId\":\"x\",\"email\":\"nope\"},{\"externalId\":\"y\",\"tags\":{\"a\":1}}]")
                .statusCode(200).extract().asString();
        Problems.INTERNALS.forEach(word -> assertThat(body, not(containsString(word))));
    }
}
