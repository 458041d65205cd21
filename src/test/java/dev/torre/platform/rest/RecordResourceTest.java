package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Api;
import dev.torre.testing.Problems;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The shared record endpoints ({@link RecordResource} over a {@code RecordService}), seen
 * through products, which add nothing of their own to them; and the shared bodies
 * ({@link RecordEndpoints}) through SLA policies, which declare their endpoints themselves.
 */
@QuarkusTest
class RecordResourceTest {

    private String tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant();
    }

    private Response createProduct(String sku, String key) {
        var request = admin(tenant).body(Map.of("sku", sku, "name", "Mug " + sku, "price", "8", "currency", "EUR"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/v1/products");
    }

    @Test
    void createAnswers201WithLocationAndETagAndARetryGetsTheSameAnswer() {
        Response first = createProduct("MUG", "create-mug-1");
        first.then().statusCode(201).header("Location", endsWith("/v1/products/" + first.path("id")))
                .header("ETag", notNullValue()).body("sku", equalTo("MUG"));

        createProduct("MUG", "create-mug-1").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .header("ETag", equalTo(first.header("ETag")))
                .body("id", equalTo(first.path("id")));
    }

    @Test
    void readAnswers304WhileTheETagIsCurrentAndAChangeNeedsTheCurrentOne() {
        String id = createProduct("CUP", null).path("id");
        String etag = admin(tenant).when().get("/v1/products/" + id).then().statusCode(200).extract().header("ETag");

        admin(tenant).header("If-None-Match", etag).when().get("/v1/products/" + id).then().statusCode(304).header("ETag", etag);
        admin(tenant).contentType("application/merge-patch+json").header("If-Match", "\"999\"").body(Map.of("name", "Cup"))
                .when().patch("/v1/products/" + id).then().spec(Problems.problem(412));

        String changed = admin(tenant).contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("name", "Cup"))
                .when().patch("/v1/products/" + id).then().statusCode(200).body("name", equalTo("Cup")).extract().header("ETag");
        assertNotEquals(etag, changed);
        admin(tenant).header("If-None-Match", etag).when().get("/v1/products/" + id).then().statusCode(200).header("ETag", changed);
    }

    @Test
    void theSharedCreateValidatesTheInputAndWritesNothing() {
        admin(tenant).body(Map.of("sku", "BAD", "price", "8", "currency", "EUR")).when().post("/v1/products")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("name"));
        admin(tenant).queryParam("filter", "sku eq \"BAD\"").when().get("/v1/products").then().statusCode(200).body("data", empty());
    }

    @Test
    void anArchivedRecordLeavesListsUntilRestored() {
        String id = createProduct("BOWL", null).path("id");
        admin(tenant).when().delete("/v1/products/" + id).then().statusCode(204);
        admin(tenant).queryParam("filter", "sku eq \"BOWL\"").when().get("/v1/products").then().statusCode(200).body("data", empty());

        admin(tenant).when().post("/v1/products/" + id + "/restore").then().statusCode(200)
                .header("ETag", notNullValue()).body("archivedAt", equalTo(null));
        admin(tenant).body(Map.of("filter", "sku eq \"BOWL\"")).when().post("/v1/products/search").then().statusCode(200)
                .body("data.id", equalTo(List.of(id)));
    }

    @Test
    void aBatchGivesOneResultPerItem() {
        admin(tenant).body(Map.of("matchOn", "sku", "items", List.of(
                Map.of("sku", "PLATE", "name", "Plate", "price", "5", "currency", "EUR"),
                Map.of("sku", "FORK", "name", "Fork", "price", "5", "currency", "EURO"))))
                .when().post("/v1/products/batch/upsert").then().statusCode(200)
                .body("results[0].status", equalTo("created"))
                .body("results[1].status", equalTo("error"))
                .body("results[1].error.status", equalTo(400));
    }

    @Test
    void theScopeComesFromTheServicesFamily() {
        String readOnly = Tokens.of(tenant, "admin", "products:read");
        as(readOnly).when().get("/v1/products").then().statusCode(200);
        as(readOnly).body(Map.of("sku", "KNIFE", "name", "Knife", "price", "5", "currency", "EUR")).when().post("/v1/products")
                .then().spec(Problems.problem(403)).body("detail", containsString("products:write"));
        as(Tokens.of(tenant, "admin", "tickets:read")).when().get("/v1/sla-policies").then().statusCode(200);
    }

    @Test
    void aResourceThatDeclaresItsOwnEndpointsAnswersTheSameWay() {
        Response created = admin(tenant).body(Map.of("name", "Gold", "targets", List.of(Map.of("priority", "high", "firstResponseMinutes", 60)))).when().post("/v1/sla-policies");
        created.then().statusCode(201).header("Location", endsWith("/v1/sla-policies/" + created.path("id"))).header("ETag", notNullValue());
        admin(tenant).header("If-None-Match", created.header("ETag")).when().get("/v1/sla-policies/" + created.path("id"))
                .then().statusCode(304);
    }

    @Test
    void theContractNamesEveryRecordAndKeepsNoneOfItsMarkers() {
        given().when().get("/q/openapi?format=yaml").then().statusCode(200)
                .body(containsString("summary: Create a product"))
                .body(containsString("summary: Open a ticket"))
                .body(not(containsString("{a}")))
                .body(not(containsString("{one}")))
                .body(not(containsString("{many}")))
                .body(not(containsString("x-operation")))
                .body(not(containsString("x-one")));
    }
}
