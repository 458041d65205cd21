package dev.torre.transfer;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Problems;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Idempotency-Key on POST /v1/imports: the same key and file give the first job, not a second import. */
@QuarkusTest
class ImportIdempotencyTest {

    private final String tenant = newTenant();

    private ValidatableResponse post(String key, String body) {
        return given().header("Authorization", "Bearer " + Tokens.admin(tenant)).header("Idempotency-Key", key)
                .contentType(ImportTest.CSV).body(body).when().post("/v1/imports?objectType=contact&matchOn=email").then();
    }

    @Test
    void theSameKeyAndFileAnswerTheFirstJobAndAnotherFileIsRefused() {
        String file = "email\nuno@x.es\ndos@x.es\n";
        String first = post("import-7", file).statusCode(202).extract().path("id");
        post("import-7", file).statusCode(202).header("Idempotent-Replayed", "true").header("Location", org.hamcrest.Matchers.endsWith("/v1/imports/" + first))
                .body("id", equalTo(first)).body("totalRows", equalTo(2));
        post("import-7", file + "tres@x.es\n").spec(Problems.problem(422));
        admin(tenant).when().get("/v1/imports").then().statusCode(200).body("data", hasSize(1));
        String other = post("import-8", file).statusCode(202).extract().path("id");
        assertEquals(2, admin(tenant).when().get("/v1/imports").then().extract().<java.util.List<?>>path("data").size(), other);
    }

    @Test
    void anUploadImportedTwiceWithOneKeyIsImportedOnce() {
        String upload = admin(tenant).when().post("/v1/imports/uploads").then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType("application/octet-stream")
                .body("email\nuno@x.es\n".getBytes()).when().put("/v1/imports/uploads/{id}/parts/1", upload).then().statusCode(200);
        String query = "/v1/imports?objectType=contact&matchOn=email&uploadId=" + upload;
        String first = given().header("Authorization", "Bearer " + Tokens.admin(tenant)).header("Idempotency-Key", "up-1")
                .contentType(ImportTest.CSV).when().post(query).then().statusCode(202).extract().path("id");
        given().header("Authorization", "Bearer " + Tokens.admin(tenant)).header("Idempotency-Key", "up-1")
                .contentType(ImportTest.CSV).when().post(query).then().statusCode(202).body("id", equalTo(first));
        admin(tenant).when().get("/v1/imports").then().body("data", hasSize(1));
    }
}
