package dev.torre.transfer;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** GraphQL reads import and export jobs: the same service calls as REST. */
@QuarkusTest
class TransferGraphQLTest {

    private final String tenant = newTenant();

    @Inject
    ImportWorker imports;

    @Test
    void readsAnImportJobsStatusAndCounters() {
        String id = given().header("Authorization", "Bearer " + Tokens.admin(tenant)).contentType("text/csv")
                .body("email\na@acme.es\nnot-an-email\n").when().post("/v1/imports?objectType=contact&matchOn=email")
                .then().statusCode(202).extract().path("id");
        imports.run(tenant);
        GraphQL.as(Tokens.admin(tenant), """
                query($id: ID!) { importJob(id: $id) { status processed created failed objectType } }
                """, GraphQL.vars("id", id))
                .body("data.importJob.status", equalTo("completed"))
                .body("data.importJob.processed", equalTo(2))
                .body("data.importJob.created", equalTo(1))
                .body("data.importJob.failed", equalTo(1));
        String export = admin(tenant).body(Map.of("objectType", "contact")).when().post("/v1/exports").then().statusCode(202)
                .extract().path("id");
        GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { exportJob(id: $id) { status objectType } }", GraphQL.vars("id", export))
                .body("data.exportJob.status", equalTo("queued"));
    }
}
