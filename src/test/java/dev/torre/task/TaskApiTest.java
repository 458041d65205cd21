package dev.torre.task;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/** /v1/tasks: CRUD, links within the tenant, completion, the overdue filter and task.* events. */
@QuarkusTest
class TaskApiTest {

    private final String tenant = newTenant();

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String task(String json) {
        return admin(tenant).body(json).when().post("/v1/tasks").then().statusCode(201).extract().path("id");
    }

    @Test
    void overdueTasksAreTheOpenOnesPastTheirDueTime() {
        TestTime.set("2026-03-02T09:00:00Z");
        String late = task("{\"title\":\"Call back\",\"dueAt\":\"2026-03-02T08:00:00Z\"}");
        task("{\"title\":\"Later\",\"dueAt\":\"2026-03-03T08:00:00Z\"}");
        String done = task("{\"title\":\"Done late\",\"dueAt\":\"2026-03-01T08:00:00Z\",\"status\":\"done\"}");
        task("{\"title\":\"Someday\"}");
        admin(tenant).queryParam("overdue", "true").when().get("/v1/tasks").then().statusCode(200)
                .body("data.id", contains(late)).body("data[0].overdue", equalTo(true));
        admin(tenant).queryParam("overdue", "false").when().get("/v1/tasks").then()
                .body("data.title", containsInAnyOrder("Later", "Done late", "Someday"));
        admin(tenant).when().get("/v1/tasks/{id}", done).then().body("completedAt", equalTo("2026-03-02T09:00:00Z"))
                .body("overdue", equalTo(false));
        admin(tenant).queryParam("overdue", "maybe").when().get("/v1/tasks").then().spec(Problems.problem(400));
        TestTime.set("2026-03-04T09:00:00Z");
        admin(tenant).queryParam("overdue", "true").queryParam("sort", "dueAt").when().get("/v1/tasks").then()
                .body("data.title", contains("Call back", "Later"));
        // paging the overdue tasks: the cursor holds while time (the scope's "now") moves on between pages
        String next = admin(tenant).queryParam("overdue", "true").queryParam("sort", "dueAt").queryParam("limit", 1)
                .when().get("/v1/tasks").then().body("data.title", contains("Call back")).extract().path("next");
        TestTime.set("2026-03-04T09:00:01Z");
        admin(tenant).queryParam("overdue", "true").queryParam("sort", "dueAt").queryParam("limit", 1).queryParam("cursor", next)
                .when().get("/v1/tasks").then().statusCode(200).body("data.title", contains("Later"));
    }

    @Test
    void completingEmitsTaskCompletedAndReopeningClearsCompletedAt() {
        String contact = Seed.contact(tenant, "Ana", "Soler");
        String id = task("{\"title\":\"Send quote\",\"contactId\":\"" + contact + "\",\"priority\":\"high\"}");
        admin(tenant).body("{\"status\":\"done\"}").when().patch("/v1/tasks/{id}", id).then().statusCode(200)
                .body("status", equalTo("done"));
        admin(tenant).body("{\"status\":\"open\"}").when().patch("/v1/tasks/{id}", id).then().statusCode(200)
                .body("completedAt", nullValue());
        admin(tenant).queryParam("types", "task.*").when().get("/v1/events").then()
                .body("data.type", contains("task.created", "task.updated", "task.completed", "task.updated"));
    }

    @Test
    void linksMustBeTheTenantsOwnAndInputChecked() {
        String foreignTicket = admin(newTenant()).body("{\"subject\":\"x\"}").when().post("/v1/tickets").then().statusCode(201)
                .extract().path("id");
        admin(tenant).body("{\"title\":\"x\",\"ticketId\":\"" + foreignTicket + "\"}").when().post("/v1/tasks").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("ticketId"));
        admin(tenant).body("{\"title\":\"\"}").when().post("/v1/tasks").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("title"));
        admin(tenant).body("{\"title\":\"x\",\"status\":\"later\"}").when().post("/v1/tasks").then().spec(Problems.problem(400));
        admin(tenant).when().get("/v1/tasks").then().body("data", org.hamcrest.Matchers.hasSize(0));
    }
}
