package dev.torre.workflow;

import static dev.torre.testing.Api.admin;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

import dev.torre.testing.Drain;

/** Test helpers: define a workflow from JSON text, drive the worker's passes, read runs. */
final class Flows {

    private Flows() {
    }

    static String create(String tenant, String json) {
        return admin(tenant).body(json).when().post("/v1/workflows").then().statusCode(201).extract().path("id");
    }

    /** Reads the whole log, enrols, and advances every due run, until nothing is left to do. */
    static void drain(WorkflowWorker worker, String tenant) {
        Drain.untilIdle(() -> worker.catchUp(tenant) + worker.calendar(tenant) + worker.wake(tenant));
    }

    static List<Map<String, Object>> runs(String tenant, String workflow) {
        return admin(tenant).queryParam("limit", 200).when().get("/v1/workflows/{id}/runs", workflow).then().statusCode(200)
                .extract().path("data");
    }

    static JsonPath run(String tenant, String workflow, Object runId) {
        return admin(tenant).when().get("/v1/workflows/{id}/runs/{runId}", workflow, runId).then().statusCode(200).extract().jsonPath();
    }

    /** The only run of the workflow, with its steps. */
    static JsonPath onlyRun(String tenant, String workflow) {
        List<Map<String, Object>> runs = runs(tenant, workflow);
        if (runs.size() != 1) {
            throw new AssertionError("expected one run, found " + runs.size() + ": " + runs);
        }
        return run(tenant, workflow, runs.getFirst().get("id"));
    }

    static List<Map<String, Object>> tasks(String tenant, String filter) {
        return admin(tenant).queryParam("filter", filter).when().get("/v1/tasks").then().statusCode(200).extract().path("data");
    }

    static void grant(String tenant, String contact, String purpose, String channel, String status) {
        admin(tenant).body(Map.of("purpose", purpose, "channel", channel, "status", status, "lawfulBasis", "consent", "source", "web_form",
                "proof", Map.of("wordingVersion", "newsletter-2030")))
                .when().post("/v1/contacts/{id}/consents", contact).then().statusCode(201);
    }
}
