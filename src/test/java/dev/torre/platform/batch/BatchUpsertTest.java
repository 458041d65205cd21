package dev.torre.platform.batch;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** What every batch upsert promises, shown on contacts: limits, order, idempotent content, strict requests. */
@QuarkusTest
class BatchUpsertTest {

    private final String tenant = newTenant();

    private static Map<String, Object> batch(String matchOn, int items) {
        return Map.of("matchOn", matchOn, "items", IntStream.range(0, items)
                .mapToObj(i -> Bodies.contact().externalId("ext-" + i).email("person" + i + "@acme.es").firstName("P" + i).build()).toList());
    }

    @Test
    void sendingTheSameBatchTwiceLeavesEverythingUnchangedAndRecordsNoNewEvents() {
        Map<String, Object> body = batch("externalId", 5);
        admin(tenant).body(body).when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200).body("created", equalTo(5));
        int events = Seed.eventCount(tenant);

        admin(tenant).body(body).when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")))
                .body("results.version", everyItem(equalTo(0)))
                .body("unchanged", equalTo(5));
        assertEquals(5, events);
        assertEquals(events, Seed.eventCount(tenant));
    }

    @Test
    void writesAThousandItemsInOneCallAndAnswersInInputOrder() {
        List<Integer> indexes = admin(tenant).body(batch("externalId", 1000)).when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200)
                .body("results", hasSize(1000))
                .body("created", equalTo(1000))
                .body("failed", equalTo(0))
                .extract().path("results.index");

        assertEquals(IntStream.range(0, 1000).boxed().toList(), indexes);
        assertEquals(1000, Seed.eventCount(tenant));
        admin(tenant).queryParam("filter", "externalId eq \"ext-999\"").when().get("/v1/contacts")
                .then().body("data.firstName", contains("P999"));
    }

    @Test
    void refusesMoreThanAThousandItemsAndWritesNothing() {
        admin(tenant).body(batch("externalId", 1001)).when().post("/v1/contacts/batch/upsert")
                .then().spec(problem(400)).body("errors[0].field", equalTo("items"));
        assertEquals(0, Seed.eventCount(tenant));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"matchOn":"phone","items":[{"phone":"612345678"}]}
            {"items":[{"externalId":"a"}]}
            {"matchOn":"externalId","items":[]}
            {"matchOn":"externalId"}
            {"matchOn":"externalId","items":[{"externalId":"a"}],"mode":"fast"}
            {"matchOn":"externalId","items":{"externalId":"a"}}""")
    void refusesABatchThatIsNotWellFormedAndWritesNothing(String body) {
        admin(tenant).body(body).when().post("/v1/contacts/batch/upsert").then().spec(problem(400));
        assertEquals(0, Seed.eventCount(tenant));
    }

    @Test
    void anItemThatIsNotAnObjectFailsAlone() {
        admin(tenant).body(Map.of("matchOn", "externalId", "items", List.of("ext-0", Map.of("externalId", "ext-1"))))
                .when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200)
                .body("results.status", contains("error", "created"))
                .body("results[0].error.status", equalTo(400));
    }

    @Test
    void recordsOneEventPerCreatedOrUpdatedItemAndNoneForUnchangedOrFailedOnes() {
        admin(tenant).body(batch("externalId", 2)).when().post("/v1/contacts/batch/upsert").then().statusCode(200);

        admin(tenant).body("""
                {"matchOn":"externalId","items":[
                  {"externalId":"ext-0","firstName":"Changed"},
                  {"externalId":"ext-1"},
                  {"externalId":"ext-2","email":"broken"},
                  {"externalId":"ext-3"}]}
                """).when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200).body("results.status", contains("updated", "unchanged", "error", "created"));

        List<String> types = admin(tenant).when().get("/v1/events").then().extract().path("data.type");
        assertEquals(List.of("contact.created", "contact.created", "contact.updated", "contact.created"), types);
    }

    @Test
    void anItemWithTheNulCharacterFailsAloneNamingItsField() {
        admin(tenant).body("""
                {"matchOn":"externalId","items":[
                  {"externalId":"nul-0","firstName":"A\\u0000na"},
                  {"externalId":"nul-1","firstName":"Bea","properties":{"note":"x\\u0000"}},
                  {"externalId":"nul-2","firstName":"Carla"}]}
                """).when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200)
                .body("results.status", contains("error", "error", "created"))
                .body("results[0].error.errors[0].field", equalTo("firstName"))
                .body("results[1].error.errors[0].field", equalTo("properties.note"));
    }
}
