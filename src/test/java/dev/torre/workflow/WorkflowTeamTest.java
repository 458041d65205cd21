package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.torre.testing.Drain;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** Round-robin assignment to a team: one rotation per team, fair when several instances advance runs at once. */
@QuarkusTest
class WorkflowTeamTest {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    private String team(String... members) {
        return admin(tenant).body(Map.of("name", "Service", "members", List.of(members))).when().post("/v1/teams")
                .then().statusCode(201).extract().path("id");
    }

    private static String onCreate(String team) {
        return """
                {"name": "Share the welcome calls", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "create_task", "title": "Welcome {{firstName}}", "assignTo": {"team": "%s"}}]}""".formatted(team);
    }

    @Test
    void anUnknownTeamIsRefusedWhenTheWorkflowIsDefined() {
        admin(tenant).body(onCreate("0190a4c2-0000-7000-8000-000000000000")).when().post("/v1/workflows")
                .then().spec(problem(400)).body("errors[0].field", equalTo("/steps/0/assignTo/team"));
        admin(tenant).body(onCreate("not-an-id")).when().post("/v1/workflows")
                .then().spec(problem(400)).body("errors[0].field", equalTo("/steps/0/assignTo/team"));
    }

    @Test
    void twoInstancesAtOnceShareTheTeamsTurnsEvenly() throws Exception {
        String team = team("ana", "bea", "carla");
        Flows.create(tenant, onCreate(team));
        // a second workflow on the same team takes turns from the same rotation
        Flows.create(tenant, onCreate(team).replace("Share the welcome calls", "Second").replace("Welcome", "Again"));
        for (int i = 0; i < 15; i++) {
            Seed.contact(tenant, "C" + i, "Team");
        }
        // enrol all 30 runs; the claimers take them on
        Drain.untilIdle(() -> worker.catchUp(tenant));
        bothInstancesWake();
        Map<String, Integer> perMember = new TreeMap<>();
        List<Map<String, Object>> tasks = admin(tenant).queryParam("limit", 200).when().get("/v1/tasks").then().statusCode(200)
                .extract().path("data");
        tasks.forEach(t -> perMember.merge((String) t.get("assigneeId"), 1, Integer::sum));
        assertEquals(Map.of("ana", 10, "bea", 10, "carla", 10), perMember, "30 turns, consecutive across instances and workflows");
    }

    @Test
    void anArchivedTeamSkipsTheStepAndSaysSo() {
        String team = team("ana");
        String workflow = Flows.create(tenant, onCreate(team));
        admin(tenant).when().delete("/v1/teams/{id}", team).then().statusCode(204);
        Seed.contact(tenant, "Leo", "Solo");
        Flows.drain(worker, tenant);
        JsonPath run = Flows.onlyRun(tenant, workflow);
        assertEquals("skipped", run.getString("steps[0].outcome"));
        assertEquals("team_unavailable", run.getString("steps[0].reason"));
        assertEquals(0, Flows.tasks(tenant, "title sw \"Welcome\"").size());
    }

    /** Two claimers at once, as two instances would. */
    private void bothInstancesWake() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> claimer = () -> {
            start.await();
            int advanced = 0;
            for (int n; (n = worker.wake(tenant)) > 0;) {
                advanced += n;
            }
            return advanced;
        };
        List<Future<Integer>> results = new ArrayList<>(List.of(pool.submit(claimer), pool.submit(claimer)));
        start.countDown();
        int total = 0;
        for (Future<Integer> r : results) {
            total += r.get();
        }
        pool.shutdown();
        assertEquals(30, total, "every run was advanced once");
    }
}
