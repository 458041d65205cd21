package dev.torre.platform.batch;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.torre.testing.AtOnce;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * One record twice in a batch, and one unique value written by two requests at once: the second item for a record
 * is refused as a duplicate in the batch, and a value claimed concurrently fails only the item that lost it.
 */
@QuarkusTest
class BatchSameRecordTest {

    private final String tenant = newTenant();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deals     | {"name":"Big","amount":"100","currency":"EUR"}          | amount    | "250"       | name     | "Bigger"     | 250.00
            products  | {"sku":"CUP","name":"Cup","price":"5","currency":"EUR"} | price     | "7"         | name     | "Tall cup"   | 7.00
            contacts  | {"firstName":"Ana","lastName":"Soler"}                  | firstName | "Anna"      | lastName | "Soler Ruiz" | Anna
            companies | {"name":"Acme"}                                         | name      | "Acme Corp" | domain   | "acme.es"    | Acme Corp""")
    void theSecondItemForTheSameRecordIsRefusedAndTheFirstApplies(String collection, String create, String field, String value,
            String otherField, String otherValue, String expected) {
        String id = admin(tenant).body(create).when().post("/v1/" + collection).then().statusCode(201).extract().path("id");
        String body = """
                {"matchOn":"id","items":[{"id":"%1$s","%2$s":%3$s},{"id":"%1$s","%4$s":%5$s}]}
                """.formatted(id, field, value, otherField, otherValue);
        admin(tenant).body(body).when().post("/v1/" + collection + "/batch/upsert").then().statusCode(200)
                .body("results.status", contains("updated", "error"))
                .body("results[1].error.status", equalTo(409))
                .body("results[1].error.errors[0].field", equalTo("id"))
                .body("results[1].error.errors[0].code", equalTo("duplicate"))
                .body("results[1].error.detail", org.hamcrest.Matchers.containsString("Item 0"));
        JsonPath stored = admin(tenant).when().get("/v1/" + collection + "/{id}", id).then().statusCode(200).extract().jsonPath();
        assertEquals(expected, stored.getString(field), "the first item's change stands");
    }

    @Test
    void theSameExternalIdTwiceIsRefusedToo() {
        admin(tenant).body("""
                {"matchOn":"externalId","items":[{"externalId":"x1","firstName":"A"},{"externalId":"x1","firstName":"B"}]}
                """).when().post("/v1/contacts/batch/upsert").then().statusCode(200)
                .body("results.status", contains("created", "error"))
                .body("results[1].error.errors[0].field", equalTo("externalId"));
    }

    @Test
    void theSameMessageDeliveredByTwoBatchesAtOnceIsStoredOnce() throws Exception {
        int writers = 4;
        List<Callable<Response>> calls = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String body = """
                    {"items":[{"type":"email","direction":"inbound","occurredAt":"2026-03-02T10:00:00Z","subject":"Hi",
                               "externalMessageId":"<same@mail>"},
                              {"type":"email","direction":"inbound","occurredAt":"2026-03-02T10:00:00Z","subject":"Own",
                               "externalMessageId":"<own-%d@mail>"}]}
                    """.formatted(w);
            calls.add(() -> admin(tenant).body(body).when().post("/v1/interactions/batch"));
        }
        int created = 0;
        for (Response r : AtOnce.send(calls)) {
            r.then().statusCode(200).body("results[1].status", equalTo("created"));
            String shared = r.path("results[0].status");
            if (shared.equals("created")) {
                created++;
            } else {
                assertEquals("unchanged", shared);
            }
        }
        assertEquals(1, created, "the message is stored once");
        assertEquals(writers + 1, Seed.ids(tenant, "interactions").size());
    }

    @Test
    void anEmailWrittenConcurrentlyFailsOnlyTheItemThatLostIt() throws Exception {
        int writers = 6;
        List<Callable<Response>> calls = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            if (w == 0) {
                calls.add(() -> admin(tenant).body(Map.of("email", "shared@example.com", "firstName", "Single")).when().post("/v1/contacts"));
                continue;
            }
            String body = """
                    {"matchOn":"externalId","items":[
                      {"externalId":"w%1$d-a","email":"own%1$d@example.com"},
                      {"externalId":"w%1$d-b","email":"Shared@example.com"},
                      {"externalId":"w%1$d-c","email":"other%1$d@example.com"}]}
                    """.formatted(writer);
            calls.add(() -> admin(tenant).body(body).when().post("/v1/contacts/batch/upsert"));
        }
        List<Response> responses = AtOnce.send(calls);

        int winners = responses.getFirst().statusCode() == 201 ? 1 : 0;
        if (winners == 0) {
            responses.getFirst().then().statusCode(409).body("errors[0].field", equalTo("email"));
        }
        for (Response r : responses.subList(1, writers)) {
            r.then().statusCode(200).body("results[0].status", equalTo("created")).body("results[2].status", equalTo("created"));
            String shared = r.path("results[1].status");
            if (shared.equals("created")) {
                winners++;
            } else {
                r.then().body("results[1].status", equalTo("error")).body("results[1].error.status", equalTo(409))
                        .body("results[1].error.errors[0].field", equalTo("email"));
            }
        }
        assertEquals(1, winners, "exactly one writer holds the email");
        assertEquals(1 + 2 * (writers - 1), Seed.ids(tenant, "contacts").size());
    }
}
