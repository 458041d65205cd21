package dev.torre.team;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Teams: named lists of users that workflow tasks are shared among in turn. */
@QuarkusTest
class TeamTest {

    private final String tenant = newTenant();

    @Test
    void aTeamIsCreatedReadChangedListedAndArchived() {
        String id = admin(tenant).body(Map.of("name", "Service", "members", List.of("svc-1", " svc-2", "svc-1")))
                .when().post("/v1/teams").then().statusCode(201).header("Location", containsString("/v1/teams/"))
                .body("members", equalTo(List.of("svc-1", "svc-2"))).extract().path("id");
        admin(tenant).body(Map.of("members", List.of("svc-3", "svc-1"))).when().patch("/v1/teams/{id}", id).then().statusCode(200)
                .body("members", equalTo(List.of("svc-3", "svc-1"))).body("version", equalTo(1));
        admin(tenant).queryParam("filter", "name eq \"Service\"").when().get("/v1/teams").then().statusCode(200).body("data", hasSize(1));
        admin(tenant).when().delete("/v1/teams/{id}", id).then().statusCode(204);
        admin(tenant).when().get("/v1/teams").then().body("data", hasSize(0));
        admin(newTenant()).when().get("/v1/teams/{id}", id).then().spec(problem(404));
    }

    @Test
    void aTeamNeedsANameAndMembersAndOnlyAdminsWriteIt() {
        admin(tenant).body(Map.of("name", "Empty", "members", List.of())).when().post("/v1/teams")
                .then().spec(problem(400)).body("errors[0].field", equalTo("members"));
        admin(tenant).body(Map.of("members", List.of("a"))).when().post("/v1/teams").then().spec(problem(400));
        admin(tenant).body(Map.of("name", "X", "members", List.of("a"), "colour", "red")).when().post("/v1/teams").then().spec(problem(400));
        as(Tokens.of(tenant, "marketing", null)).body(Map.of("name", "X", "members", List.of("a"))).when().post("/v1/teams")
                .then().spec(problem(403));
        admin(tenant).when().get("/v1/teams").then().body("data", hasSize(0));
    }
}
