package dev.torre.deal;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import io.quarkus.test.junit.QuarkusTest;

/** /v1/pipelines: stages added, renamed, reordered and deleted — never with deals left behind. */
@QuarkusTest
class PipelineApiTest {

    private final String tenant = newTenant();

    @Test
    void stagesAreAddedRenamedAndReordered() {
        String pipeline = Sales.defaultPipeline(tenant).getString("id");
        String demo = admin(tenant).body(Map.of("name", "Demo", "kind", "open", "probability", 0.3))
                .when().post("/v1/pipelines/{id}/stages", pipeline).then().statusCode(201)
                .body("stages.name", contains("Prospecting", "Qualification", "Proposal", "Negotiation", "Won", "Lost", "Demo"))
                .extract().path("stages[6].id");
        admin(tenant).body(Map.of("name", "Live demo", "probability", 0.35)).when().patch("/v1/pipelines/{p}/stages/{s}", pipeline, demo)
                .then().statusCode(200).body("stages[6].name", equalTo("Live demo")).body("stages[6].probability", equalTo(0.35f));

        List<String> ids = Sales.defaultPipeline(tenant).getList("stages.id");
        List<String> order = List.of(ids.get(0), ids.get(6), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5));
        admin(tenant).body(Map.of("stageIds", order)).when().put("/v1/pipelines/{id}/stage-order", pipeline).then().statusCode(200)
                .body("stages.id", equalTo(order)).body("stages.position", contains(0, 1, 2, 3, 4, 5, 6));
        admin(tenant).body(Map.of("stageIds", order.subList(0, 3))).when().put("/v1/pipelines/{id}/stage-order", pipeline)
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("stageIds"));
        admin(tenant).body(Map.of("name", "Bad", "kind", "maybe")).when().post("/v1/pipelines/{id}/stages", pipeline)
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("kind"));
        admin(tenant).body(Map.of("name", "Bad", "kind", "open", "probability", 1.5)).when().post("/v1/pipelines/{id}/stages", pipeline)
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("probability"));
    }

    @Test
    void aPipelineHasAnETagThatStageChangesMoveAndIfMatchGuards() {
        String pipeline = Sales.defaultPipeline(tenant).getString("id");
        String etag = admin(tenant).when().get("/v1/pipelines/{id}", pipeline).then().statusCode(200).extract().header("ETag");
        admin(tenant).header("If-None-Match", etag).when().get("/v1/pipelines/{id}", pipeline).then().statusCode(304);
        List<String> ids = admin(tenant).when().get("/v1/pipelines/{id}", pipeline).then().extract().path("stages.id");
        List<String> reversed = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        String moved = admin(tenant).header("If-Match", etag).body(Map.of("stageIds", reversed))
                .when().put("/v1/pipelines/{id}/stage-order", pipeline).then().statusCode(200)
                .body("stages.id", contains(reversed.toArray())).extract().header("ETag");
        assertEquals(false, moved.equals(etag), "a reorder moves the ETag");
        // a second client still holding the first ETag is refused, and nothing changes
        admin(tenant).header("If-Match", etag).body(Map.of("name", "Stale")).when()
                .patch("/v1/pipelines/{p}/stages/{s}", pipeline, ids.getFirst()).then().spec(Problems.problem(412));
        admin(tenant).header("If-Match", etag).body(Map.of("stageIds", ids)).when()
                .put("/v1/pipelines/{id}/stage-order", pipeline).then().spec(Problems.problem(412));
        admin(tenant).header("If-None-Match", moved).when().get("/v1/pipelines/{id}", pipeline).then().statusCode(304);
        admin(tenant).header("If-Match", moved).body(Map.of("name", "First contact")).when()
                .patch("/v1/pipelines/{p}/stages/{s}", pipeline, ids.getFirst()).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.not(equalTo(moved)));
    }

    @Test
    void aStageWithDealsIsDeletedOnlyByMovingThemElsewhere() {
        Map<String, String> stages = Sales.stages(tenant);
        String pipeline = Sales.defaultPipeline(tenant).getString("id");
        String first = Sales.deal(tenant, Bodies.deal().name("A").stageId(stages.get("Proposal")));
        Sales.deal(tenant, Bodies.deal().name("B").stageId(stages.get("Proposal")));

        admin(tenant).when().delete("/v1/pipelines/{p}/stages/{s}", pipeline, stages.get("Proposal"))
                .then().spec(Problems.problem(409)).body("detail", containsString("2 deals"));
        admin(tenant).queryParam("moveDealsTo", stages.get("Lost")).when().delete("/v1/pipelines/{p}/stages/{s}", pipeline, stages.get("Proposal"))
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("moveDealsTo"));
        admin(tenant).queryParam("moveDealsTo", stages.get("Negotiation")).when()
                .delete("/v1/pipelines/{p}/stages/{s}", pipeline, stages.get("Proposal")).then().statusCode(200)
                .body("stages.name", contains("Prospecting", "Qualification", "Negotiation", "Won", "Lost"))
                .body("stages.position", contains(0, 1, 2, 3, 4));
        admin(tenant).queryParam("filter", "stageId eq \"" + stages.get("Negotiation") + "\"").when().get("/v1/deals")
                .then().body("data.size()", equalTo(2));
        admin(tenant).when().get("/v1/deals/{id}/stage-history", first).then()
                .body("data.toStageId", contains(stages.get("Proposal"), stages.get("Negotiation")));
        admin(tenant).body(Map.of("name", "Back", "stageId", stages.get("Proposal"))).when().post("/v1/deals")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("stageId"));
    }

    @Test
    void aPipelineWithDealsOrTheDefaultOneStays() {
        String pipeline = Sales.defaultPipeline(tenant).getString("id");
        admin(tenant).when().delete("/v1/pipelines/{id}", pipeline).then().spec(Problems.problem(409));
        String other = admin(tenant).body("""
                {"name":"Partners","stages":[{"name":"Talking","kind":"open","probability":0.25},{"name":"Signed","kind":"won"}]}
                """).when().post("/v1/pipelines").then().statusCode(201)
                .body("stages.probability", contains(0.25f, 1)).extract().path("id");
        String deal = Sales.deal(tenant, Bodies.deal().name("P").pipelineId(other));
        admin(tenant).when().delete("/v1/pipelines/{id}", other).then().spec(Problems.problem(409)).body("detail", containsString("1 deal"));
        admin(tenant).when().delete("/v1/deals/{id}", deal).then().statusCode(204);
        admin(tenant).when().delete("/v1/pipelines/{id}", other).then().statusCode(204);
        admin(tenant).body(Map.of("name", "Renamed")).when().patch("/v1/pipelines/{id}", pipeline).then().statusCode(200)
                .body("name", equalTo("Renamed"));
        assertEquals(List.of("Renamed"), admin(tenant).when().get("/v1/pipelines").then().extract().path("data.name"));
        admin(tenant).body(Map.of("name", "Empty", "stages", List.of())).when().post("/v1/pipelines").then().spec(Problems.problem(400));
    }
}
