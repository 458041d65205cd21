package dev.torre.transfer;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /v1/imports: a file streamed in as a job, written by the worker through the batch upsert, with its counters and errors. */
@QuarkusTest
class ImportTest {

    static final String CSV = "text/csv; charset=UTF-8";

    private final String tenant = newTenant();

    @Inject
    ImportWorker worker;

    static ValidatableResponse upload(String tenant, String query, String contentType, String body) {
        return given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/imports?" + query).then();
    }

    private String queued(String query, String contentType, String body) {
        return upload(tenant, query, contentType, body).statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/imports/"))
                .body("status", equalTo("queued")).extract().path("id");
    }

    private ValidatableResponse job(String id) {
        return admin(tenant).when().get("/v1/imports/{id}", id).then().statusCode(200);
    }

    @Test
    void importsContactsFromCsvThroughTheBatchUpsertAndTheSameFileTwiceChangesNothing() {
        Seed.company(tenant, Bodies.company().name("Acme").externalId("acme").build());
        admin(tenant).body(Map.of("objectType", "contact", "name", "vip", "type", "boolean")).when().post("/v1/property-definitions")
                .then().statusCode(201);
        admin(tenant).body(Map.of("objectType", "contact", "name", "visits", "type", "number")).when().post("/v1/property-definitions")
                .then().statusCode(201);
        String file = """
                firstName,lastName,email,tags,properties.vip,properties.visits,companyExternalId,source.utmSource
                José,García,JOSE@acme.es,vip; newsletter,true,3,acme,fair
                Ana,"Ruiz, Jr.",ana@acme.es,,false,,,
                """;
        String id = queued("objectType=contact&matchOn=email", CSV, file);
        job(id).body("totalRows", equalTo(2)).body("processed", equalTo(0)).body("dryRun", equalTo(false));

        assertEquals(1, worker.run(tenant));

        job(id).body("status", equalTo("completed")).body("processed", equalTo(2)).body("created", equalTo(2))
                .body("updated", equalTo(0)).body("unchanged", equalTo(0)).body("failed", equalTo(0))
                .body("rowsPerSecond", notNullValue()).body("finishedAt", notNullValue());
        String company = Seed.ids(tenant, "companies").getFirst();
        admin(tenant).queryParam("filter", "email eq \"jose@acme.es\"").when().get("/v1/contacts").then().statusCode(200)
                .body("data[0].firstName", equalTo("José"))
                .body("data[0].tags", contains("vip", "newsletter"))
                .body("data[0].properties.vip", equalTo(true))
                .body("data[0].properties.visits", equalTo(3))
                .body("data[0].companyId", equalTo(company))
                .body("data[0].source.utmSource", equalTo("fair"));
        admin(tenant).queryParam("filter", "email eq \"ana@acme.es\"").when().get("/v1/contacts").then()
                .body("data[0].lastName", equalTo("Ruiz, Jr.")).body("data[0].companyId", nullValue());

        String again = queued("objectType=contact&matchOn=email", CSV, file);
        worker.run(tenant);
        job(again).body("status", equalTo("completed")).body("unchanged", equalTo(2)).body("created", equalTo(0));
        assertEquals(2, Seed.ids(tenant, "contacts").size());
    }

    @Test
    void oneBadRowFailsAloneAndEachProblemNamesItsLineAndField() {
        String id = queued("objectType=contact&matchOn=email", CSV, """
                firstName,email,companyExternalId
                Ana,ana@acme.es,
                Bea,not-an-email,
                Cris,cris@acme.es,nowhere
                Dani,dani@acme.es,,extra
                Eva,ana@acme.es,
                """);
        worker.run(tenant);
        job(id).body("status", equalTo("completed")).body("processed", equalTo(5)).body("created", equalTo(1))
                .body("failed", equalTo(4));
        admin(tenant).when().get("/v1/imports/{id}/errors", id).then().statusCode(200)
                .body("data.line", contains(3, 4, 5, 6))
                .body("data.field", contains("email", "companyExternalId", null, "email"))
                .body("data.code", hasItem("not_found"))
                .body("data.code", hasItem("too_many_cells"))
                .body("next", nullValue());
        admin(tenant).queryParam("limit", 2).when().get("/v1/imports/{id}/errors", id).then().statusCode(200)
                .body("data.line", contains(3, 4)).body("next", notNullValue());
        assertEquals(1, Seed.ids(tenant, "contacts").size());
    }

    @Test
    void aDryRunCountsWhatWouldHappenAndWritesNothing() {
        Seed.contact(tenant, Bodies.contact().email("ana@acme.es").firstName("Ana").build());
        int events = Seed.eventCount(tenant);
        String id = queued("objectType=contact&matchOn=email&dryRun=true", CSV, """
                email,firstName
                ana@acme.es,Ana
                bea@acme.es,Bea
                bad,Cris
                """);
        worker.run(tenant);
        job(id).body("status", equalTo("completed")).body("dryRun", equalTo(true)).body("created", equalTo(1))
                .body("unchanged", equalTo(1)).body("failed", equalTo(1));
        admin(tenant).when().get("/v1/imports/{id}/errors", id).then().body("data.line", contains(4));
        assertEquals(1, Seed.ids(tenant, "contacts").size());
        // only the import's own queued and completed events were added
        assertEquals(events + 2, Seed.eventCount(tenant));
    }

    @Test
    void importsNdjsonLinesAsBatchItems() {
        String id = queued("objectType=company&matchOn=externalId", "application/x-ndjson", """
                {"externalId":"c-1","name":"Acme","domain":"acme.es"}

                {"externalId":"c-2","name":"Beta"}
                not json
                {"externalId":"c-3","unknownField":1}
                """);
        worker.run(tenant);
        job(id).body("objectType", equalTo("company")).body("created", equalTo(2)).body("failed", equalTo(2));
        admin(tenant).when().get("/v1/imports/{id}/errors", id).then()
                .body("data.line", contains(4, 5)).body("data.code[0]", equalTo("invalid_json"));
    }

    @Test
    void aHeaderThatDoesNotFitIsRefusedBeforeAnythingIsQueued() {
        upload(tenant, "objectType=contact&matchOn=email", CSV, "firstName,emial,properties.x\nAna,a@b.es,1\n")
                .spec(Problems.problem(400))
                .body("errors.field", containsInAnyOrder("emial", "email"));
        upload(tenant, "objectType=contact&matchOn=email", CSV, "").spec(Problems.problem(400));
        upload(tenant, "objectType=contact&matchOn=email", CSV, "email,email\na@b.es,a@b.es\n").spec(Problems.problem(400))
                .body("errors.code", hasItem("duplicate"));
        upload(tenant, "objectType=planet&matchOn=email", CSV, "email\n").spec(Problems.problem(400))
                .body("errors.field", contains("objectType"));
        upload(tenant, "objectType=contact&matchOn=phone", CSV, "email\n").spec(Problems.problem(400))
                .body("errors.field", contains("matchOn"));
        upload(tenant, "objectType=contact&matchOn=email&dryRun=maybe", CSV, "email\n").spec(Problems.problem(400));
        upload(tenant, "objectType=contact&matchOn=email", "application/json", "{}").spec(Problems.problem(415));
        upload(tenant, "objectType=contact&matchOn=email&sheet=1", CSV, "email\n").spec(Problems.problem(400));
        admin(tenant).when().get("/v1/imports").then().statusCode(200).body("data", empty());
    }

    @Test
    void importingNeedsTheRightToWriteTheRecords() {
        given().header("Authorization", "Bearer " + Tokens.of(tenant, "admin", "imports:write contacts:read"))
                .contentType(CSV).body("email\na@b.es\n").when().post("/v1/imports?objectType=contact&matchOn=email")
                .then().spec(Problems.problem(403));
        given().header("Authorization", "Bearer " + Tokens.readonly(tenant))
                .contentType(CSV).body("email\na@b.es\n").when().post("/v1/imports?objectType=contact&matchOn=email")
                .then().spec(Problems.problem(403));
    }

    @Test
    void aCancelledImportWritesNoMoreAndCannotBeCancelledTwice() {
        String id = queued("objectType=contact&matchOn=email", CSV, "email\na@acme.es\n");
        admin(tenant).when().post("/v1/imports/{id}/cancel", id).then().statusCode(200).body("status", equalTo("cancelled"));
        assertEquals(0, worker.run(tenant));
        assertTrue(Seed.ids(tenant, "contacts").isEmpty());
        admin(tenant).when().post("/v1/imports/{id}/cancel", id).then().spec(Problems.problem(409));
        admin(tenant).queryParam("filter", "status eq \"cancelled\"").when().get("/v1/imports").then().statusCode(200)
                .body("data.id", contains(id));
        admin(tenant).queryParam("types", "import.queued,import.cancelled").when().get("/v1/events").then().statusCode(200)
                .body("data.type", contains("import.queued", "import.cancelled"));
    }

    @Test
    void anotherTenantsImportIsNotFound() {
        String id = queued("objectType=contact&matchOn=email", CSV, "email\na@acme.es\n");
        String other = newTenant();
        admin(other).when().get("/v1/imports/{id}", id).then().spec(Problems.problem(404));
        admin(other).when().get("/v1/imports/{id}/errors", id).then().spec(Problems.problem(404));
        admin(other).when().post("/v1/imports/{id}/cancel", id).then().spec(Problems.problem(404));
        assertEquals(0, worker.run(other));
        job(id).body("status", equalTo("queued"));
    }

    @Test
    void twentyThousandRowsStreamInAndAJobLeftHalfDoneResumesWhereItStopped() {
        StringBuilder file = new StringBuilder("externalId,firstName,email\n");
        for (int i = 0; i < 20_000; i++) {
            file.append("ext-").append(i).append(",Name ").append(i).append(",person").append(i).append("@example.com\n");
        }
        String id = queued("objectType=contact&matchOn=externalId", CSV, file.toString());
        job(id).body("totalRows", equalTo(20_000));

        assertTrue(worker.runFirstChunkOnly(tenant));
        job(id).body("status", equalTo("running")).body("processed", equalTo(1000)).body("created", equalTo(1000));

        // the lease of the lost worker has run out (0 in tests): the next worker takes the job over
        assertEquals(1, worker.run(tenant));
        job(id).body("status", equalTo("completed")).body("processed", equalTo(20_000)).body("created", equalTo(20_000))
                .body("failed", equalTo(0));
        admin(tenant).queryParam("filter", "externalId eq \"ext-19999\"").when().get("/v1/contacts").then()
                .body("data[0].email", equalTo("person19999@example.com"));
        List<Integer> created = admin(tenant).queryParam("types", "import.completed").when().get("/v1/events").then()
                .extract().path("data.payload.created");
        assertEquals(List.of(20_000), created);
    }
}
