package dev.torre.deal;

import static dev.torre.testing.Api.admin;

import dev.torre.testing.Bodies;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Fixture builders for the sales tests: the default pipeline's stages by name, and deals. */
final class Sales {

    private Sales() {
    }

    /** The default pipeline of a tenant (created on first use). */
    static JsonPath defaultPipeline(String tenant) {
        return admin(tenant).when().get("/v1/pipelines").then().statusCode(200).extract().jsonPath().setRootPath("data[0]");
    }

    /** Stage ids of the default pipeline, by stage name. */
    static Map<String, String> stages(String tenant) {
        JsonPath pipeline = defaultPipeline(tenant);
        List<String> names = pipeline.getList("stages.name");
        List<String> ids = pipeline.getList("stages.id");
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), ids.get(i));
        }
        return byName;
    }

    static String deal(String tenant, Bodies.Deal deal) {
        return admin(tenant).body(deal.build()).when().post("/v1/deals").then().statusCode(201).extract().path("id");
    }
}
