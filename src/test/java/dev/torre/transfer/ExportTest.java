package dev.torre.transfer;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/** POST /v1/exports: the records a filter selects, written by the worker as the requester, downloaded as one file. */
@QuarkusTest
class ExportTest {

    private final String tenant = newTenant();

    @Inject
    ExportWorker worker;

    private String queued(String token, Map<String, Object> body) {
        return as(token).body(body).when().post("/v1/exports").then().statusCode(202)
                .header("Location", startsWith("/v1/exports/")).body("status", equalTo("queued")).extract().path("id");
    }

    @Test
    void writesTheSelectedRecordsAsCsvWithTheAskedFieldsInOrder() {
        Seed.contact(tenant, Bodies.contact().firstName("José").lastName("García, Jr.").email("jose@acme.es").lifecycleStage("customer")
                .tags("vip", "b2b").build());
        Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").lifecycleStage("customer").build());
        Seed.contact(tenant, Bodies.contact().firstName("Lead").email("lead@acme.es").build());
        String id = queued(Tokens.admin(tenant), Map.of("objectType", "contact", "filter", "lifecycleStage eq \"customer\"",
                "fields", List.of("firstName", "lastName", "email", "tags")));

        assertEquals(1, worker.run(tenant));

        admin(tenant).when().get("/v1/exports/{id}", id).then().statusCode(200).body("status", equalTo("completed"))
                .body("exported", equalTo(2)).body("file", equalTo("/v1/exports/" + id + "/file"));
        String file = admin(tenant).when().get("/v1/exports/{id}/file", id).then().statusCode(200)
                .header("Content-Type", startsWith("text/csv")).extract().asString();
        assertEquals("""
                firstName,lastName,email,tags
                José,"García, Jr.",jose@acme.es,vip;b2b
                Ana,,ana@acme.es,
                """, file);
    }

    @Test
    void writesNdjsonAndAFileCanBeImportedBack() throws Exception {
        Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").build());
        String id = queued(Tokens.admin(tenant), Map.of("objectType", "contact", "format", "ndjson"));
        worker.run(tenant);
        String file = admin(tenant).when().get("/v1/exports/{id}/file", id).then().statusCode(200)
                .header("Content-Type", startsWith("application/x-ndjson")).extract().asString();
        List<String> lines = file.lines().toList();
        assertEquals(1, lines.size());
        JsonNode row = new ObjectMapper().readTree(lines.getFirst());
        assertEquals("ana@acme.es", row.get("email").asText());
        assertTrue(row.has("id"));
    }

    @Test
    void fieldsHiddenFromTheRequesterNeverAppearAndTheRowsCountAsTheirBulkReads() {
        for (int i = 0; i < 3; i++) {
            Seed.contact(tenant, Bodies.contact().firstName("Ana" + i).email("ana" + i + "@acme.es").build());
        }
        admin(tenant).body(Map.of("read", true, "write", false, "hiddenFields", List.of("email")))
                .when().put("/v1/access-policy/marketing/contact").then().statusCode(200);
        String marketer = Tokens.sign(Jwt.issuer("torre-dev").subject("mk-1").groups(Set.of("marketing")).claim("tid", tenant));

        as(marketer).body(Map.of("objectType", "contact", "fields", List.of("firstName", "email"))).when().post("/v1/exports")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("fields[1]"))
                .body("errors[0].code", equalTo("hidden_field"));

        String csv = queued(marketer, Map.of("objectType", "contact"));
        String ndjson = queued(marketer, Map.of("objectType", "contact", "format", "ndjson"));
        assertEquals(2, worker.run(tenant));
        String csvFile = as(marketer).when().get("/v1/exports/{id}/file", csv).then().statusCode(200).extract().asString();
        String ndjsonFile = as(marketer).when().get("/v1/exports/{id}/file", ndjson).then().statusCode(200).extract().asString();
        assertFalse(csvFile.lines().findFirst().orElseThrow().contains("email"), csvFile);
        assertTrue(csvFile.lines().findFirst().orElseThrow().contains("firstName"), csvFile);
        assertFalse(csvFile.contains("@acme.es"), csvFile);
        assertFalse(ndjsonFile.contains("email"), ndjsonFile);
        assertEquals(4, csvFile.lines().count());

        List<Integer> counted = admin(tenant).queryParam("actor", "mk-1").queryParam("entityType", "contact")
                .when().get("/v1/audit").then().statusCode(200)
                .extract().path("data.findAll { it.kind == 'bulk_read' }.recordCount");
        assertEquals(6, counted.stream().mapToInt(Integer::intValue).sum(), "both exports' rows were counted: " + counted);
    }

    @Test
    void badRequestsAreRefusedAndNothingIsQueued() {
        admin(tenant).body(Map.of("objectType", "planet")).when().post("/v1/exports").then().spec(Problems.problem(400));
        admin(tenant).body(Map.of("objectType", "contact", "format", "xlsx")).when().post("/v1/exports").then().spec(Problems.problem(400));
        admin(tenant).body(Map.of("objectType", "contact", "filter", "nope eq 1")).when().post("/v1/exports").then().spec(Problems.problem(400));
        admin(tenant).body(Map.of("objectType", "contact", "fields", List.of("shoeSize"))).when().post("/v1/exports").then()
                .spec(Problems.problem(400)).body("errors[0].code", equalTo("unknown_field"));
        admin(tenant).body(Map.of("objectType", "contact", "colour", "red")).when().post("/v1/exports").then().spec(Problems.problem(400));
        as(Tokens.of(tenant, "admin", "exports:write companies:read")).body(Map.of("objectType", "contact")).when().post("/v1/exports")
                .then().spec(Problems.problem(403));
        admin(tenant).when().get("/v1/exports").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void theFileIsAConflictUntilTheExportIsCompletedAndAnotherTenantSeesNothing() {
        String id = queued(Tokens.admin(tenant), Map.of("objectType", "company"));
        admin(tenant).when().get("/v1/exports/{id}/file", id).then().spec(Problems.problem(409));
        String other = newTenant();
        admin(other).when().get("/v1/exports/{id}", id).then().spec(Problems.problem(404));
        admin(other).when().get("/v1/exports/{id}/file", id).then().spec(Problems.problem(404));
        worker.run(tenant);
        admin(tenant).when().get("/v1/exports/{id}", id).then().body("status", equalTo("completed")).body("exported", equalTo(0))
                .body("detail", nullValue());
        admin(tenant).queryParam("types", "export.queued,export.completed").when().get("/v1/events").then()
                .body("data.type", org.hamcrest.Matchers.contains("export.queued", "export.completed"));
    }
}
