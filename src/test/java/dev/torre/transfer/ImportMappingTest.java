package dev.torre.transfer;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Problems;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Saved column mappings: checked against the record's fields and the caller's hidden fields, and usable by id in an import. */
@QuarkusTest
class ImportMappingTest {

    private final String tenant = newTenant();

    @Inject
    ImportWorker worker;

    @Test
    void aSavedMappingRenamesTheFilesColumnsOfAnImport() {
        String mapping = admin(tenant).body(Map.of("name", "Shop customers", "objectType", "contact",
                "columns", Map.of("Nombre", "firstName", "Correo", "email"))).when().post("/v1/import-mappings").then().statusCode(201)
                .body("columns.Nombre", equalTo("firstName")).extract().path("id");
        admin(tenant).when().get("/v1/import-mappings/{id}", mapping).then().statusCode(200).body("name", equalTo("Shop customers"));
        admin(tenant).when().get("/v1/import-mappings").then().statusCode(200).body("data.id", contains(mapping));

        String job = ImportTest.upload(tenant, "objectType=contact&matchOn=email&mappingId=" + mapping, ImportTest.CSV,
                "Nombre,Correo,lastName\nLuz,luz@x.es,Vega\n").statusCode(202).extract().path("id");
        assertEquals(1, worker.run(tenant));
        admin(tenant).when().get("/v1/imports/{id}", job).then().body("created", equalTo(1));
        admin(tenant).queryParam("filter", "email eq \"luz@x.es\"").when().get("/v1/contacts").then()
                .body("data[0].firstName", equalTo("Luz")).body("data[0].lastName", equalTo("Vega"));

        ImportTest.upload(tenant, "objectType=company&matchOn=domain&mappingId=" + mapping, ImportTest.CSV, "name\nAcme\n")
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("mappingId"));
        ImportTest.upload(tenant, "objectType=contact&matchOn=email&mappingId=nope", ImportTest.CSV, "email\na@b.es\n")
                .spec(Problems.problem(400));
    }

    @Test
    void aMappingIsCheckedAgainstTheRecordsFieldsAndNeedsTheImportScope() {
        admin(tenant).body(Map.of("name", "Bad", "objectType", "contact", "columns", Map.of("X", "shoeSize")))
                .when().post("/v1/import-mappings").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("columns.X")).body("errors[0].code", equalTo("unknown_field"));
        admin(tenant).body(Map.of("name", "Bad", "objectType", "planet", "columns", Map.of("X", "name")))
                .when().post("/v1/import-mappings").then().spec(Problems.problem(400));
        // only admins hold imports:write today, and nothing is hidden from them: the hidden-field rule has no caller to refuse yet
        as(Tokens.of(tenant, "sales", null)).body(Map.of("name", "Sales", "objectType", "contact", "columns", Map.of("Apellido", "lastName")))
                .when().post("/v1/import-mappings").then().spec(Problems.problem(403));
        admin(tenant).when().get("/v1/import-mappings").then().body("data", org.hamcrest.Matchers.empty());
    }

    @Test
    void aMappingIsReplacedAndDeleted() {
        String mapping = admin(tenant).body(Map.of("name", "A", "objectType", "company", "columns", Map.of("Empresa", "name")))
                .when().post("/v1/import-mappings").then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("name", "A", "objectType", "company", "columns", Map.of("Empresa", "name")))
                .when().post("/v1/import-mappings").then().spec(Problems.problem(409));
        admin(tenant).body(Map.of("name", "B", "objectType", "company", "columns", Map.of("Razón social", "name", "Web", "domain")))
                .when().put("/v1/import-mappings/{id}", mapping).then().statusCode(200).body("name", equalTo("B"))
                .body("columns.Web", equalTo("domain"));
        admin(newTenant()).when().get("/v1/import-mappings/{id}", mapping).then().spec(Problems.problem(404));
        admin(tenant).when().delete("/v1/import-mappings/{id}", mapping).then().statusCode(204);
        admin(tenant).when().get("/v1/import-mappings/{id}", mapping).then().spec(Problems.problem(404));
    }
}
