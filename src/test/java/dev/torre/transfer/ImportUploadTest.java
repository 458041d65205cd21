package dev.torre.transfer;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Problems;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** A file larger than the 8 MB body limit, sent as an upload in parts cut anywhere, imports every row; the limit stays for every body. */
@QuarkusTest
class ImportUploadTest {

    private static final int ROWS = 32_000;
    private static final int PART = 4 * 1024 * 1024 + 17; // cuts rows in the middle

    private final String tenant = newTenant();

    @Inject
    ImportWorker worker;

    @Test
    void aFileAboveTheBodyLimitImportsThroughAnUploadWithTheRightRowCount() {
        byte[] file = csv();
        assertTrue(file.length > 9 * 1024 * 1024, "the file is above the 8 MB limit: " + file.length);
        given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType(ImportTest.CSV).body(file)
                .when().post("/v1/imports?objectType=contact&matchOn=email").then().statusCode(413);

        String upload = admin(tenant).when().post("/v1/imports/uploads").then().statusCode(201).extract().path("id");
        int parts = 0;
        for (int from = 0; from < file.length; from += PART) {
            parts++;
            given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType("application/octet-stream")
                    .body(Arrays.copyOfRange(file, from, Math.min(file.length, from + PART)))
                    .when().put("/v1/imports/uploads/{id}/parts/{n}", upload, parts).then().statusCode(200).body("parts", equalTo(parts));
        }
        admin(tenant).when().get("/v1/imports/uploads/{id}", upload).then().body("bytes", equalTo(file.length));

        String job = given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType(ImportTest.CSV)
                .when().post("/v1/imports?objectType=contact&matchOn=email&uploadId=" + upload).then().statusCode(202)
                .body("totalRows", equalTo(ROWS)).extract().path("id");
        admin(tenant).when().get("/v1/imports/uploads/{id}", upload).then().spec(Problems.problem(404));

        assertEquals(1, worker.run(tenant));
        admin(tenant).when().get("/v1/imports/{id}", job).then().body("status", equalTo("completed"))
                .body("processed", equalTo(ROWS)).body("created", equalTo(ROWS)).body("failed", equalTo(0));
    }

    @Test
    void partsAreNumberedWithoutGaps() {
        String upload = admin(tenant).when().post("/v1/imports/uploads").then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType("application/octet-stream").body("email\n".getBytes())
                .when().put("/v1/imports/uploads/{id}/parts/2", upload).then().statusCode(200);
        given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType("application/octet-stream").body("x".getBytes())
                .when().put("/v1/imports/uploads/{id}/parts/0", upload).then().spec(Problems.problem(400));
        given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType(ImportTest.CSV)
                .when().post("/v1/imports?objectType=contact&matchOn=email&uploadId=" + upload).then().spec(Problems.problem(400))
                .body("errors[0].code", equalTo("missing_part"));
        admin(newTenant()).when().get("/v1/imports/uploads/{id}", upload).then().spec(Problems.problem(404));
    }

    private static byte[] csv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String lastName = "x".repeat(95);
        String owner = "o".repeat(190); // wide rows within the fields' limits, so that the file is large without a huge row count
        out.writeBytes("firstName,lastName,ownerId,email\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < ROWS; i++) {
            out.writeBytes(("Nombre" + i + "," + lastName + "," + owner + ",persona" + i + "@example.com\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
