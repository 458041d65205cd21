package dev.torre.ticket;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/** The SLA job: a warning at 80 %, a breach at 100 %, stale tickets, each exactly once even with two instances at work. */
@QuarkusTest
class SlaJobTest {

    private final String tenant = newTenant();

    @Inject
    SlaJob job;

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private List<String> events() {
        return admin(tenant).queryParam("types", "ticket.sla_warning,ticket.sla_breached,ticket.stale").queryParam("limit", 100)
                .when().get("/v1/events").then().statusCode(200).extract().path("data.type");
    }

    private List<String> targets() {
        return admin(tenant).queryParam("types", "ticket.sla_warning,ticket.sla_breached").queryParam("limit", 100)
                .when().get("/v1/events").then().extract().path("data.payload.target");
    }

    @Test
    void warnsAtEightyPercentBreachesAtTheTargetAndNeverTwice() {
        admin(tenant).body(Bodies.slaPolicy().name("All").firstResponse("normal", 100).resolution("normal", 1000).build())
                .when().post("/v1/sla-policies").then().statusCode(201);
        TestTime.set("2030-01-07T08:00:00Z");
        admin(tenant).body(Bodies.ticket().subject("Help").build()).when().post("/v1/tickets").then().statusCode(201);

        TestTime.set("2030-01-07T09:19:00Z");
        job.run();
        assertEquals(List.of(), events(), "79 minutes of 100: nothing yet");

        TestTime.set("2030-01-07T09:20:00Z");
        job.run();
        job.run();
        assertEquals(List.of("ticket.sla_warning"), events());

        TestTime.set("2030-01-07T09:40:00Z");
        job.run();
        job.run();
        assertEquals(List.of("ticket.sla_warning", "ticket.sla_breached"), events());

        TestTime.set("2030-01-08T08:00:00Z");
        job.run();
        assertEquals(List.of("first_response", "first_response", "resolution", "resolution"), targets());
        job.run();
        assertEquals(4, events().size());
    }

    @Test
    void aRespondedTicketOwesNoFirstResponseEventsAndAPausedOneNoResolutionEvents() {
        admin(tenant).body(Bodies.slaPolicy().name("All").firstResponse("normal", 60).resolution("normal", 120).build())
                .when().post("/v1/sla-policies").then().statusCode(201);
        TestTime.set("2030-01-07T08:00:00Z");
        String id = admin(tenant).body(Bodies.ticket().subject("Help").build())
                .when().post("/v1/tickets").then().statusCode(201).extract().path("id");
        TestTime.set("2030-01-07T08:10:00Z");
        admin(tenant).body(Bodies.interaction().type("email").direction("outbound").occurredAt("2030-01-07T08:10:00Z").ticketId(id).build())
                .when().post("/v1/interactions").then().statusCode(201);
        TestTime.set("2030-01-07T08:30:00Z");
        admin(tenant).body(Bodies.ticket().status("on_hold").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200);
        TestTime.set("2030-01-07T12:00:00Z");
        job.run();
        assertEquals(List.of(), events());
        admin(tenant).body(Bodies.ticket().status("open").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200);
        TestTime.set("2030-01-07T13:30:00Z"); // 30 + 90 minutes spent: due exactly now
        job.run();
        assertEquals(List.of("ticket.sla_warning", "ticket.sla_breached"), events());
    }

    @Test
    void twoInstancesRunningAtOnceEmitEachEventOnce() throws Exception {
        admin(tenant).body(Bodies.slaPolicy().name("All").firstResponse("normal", 10).build())
                .when().post("/v1/sla-policies").then().statusCode(201);
        TestTime.set("2030-01-07T08:00:00Z");
        for (int i = 0; i < 30; i++) {
            admin(tenant).body(Bodies.ticket().subject("Help " + i).build()).when().post("/v1/tickets").then().statusCode(201);
        }
        TestTime.set("2030-01-07T09:00:00Z");
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Integer> instance = () -> {
            start.await();
            return job.run();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(instance);
            Future<Integer> b = pool.submit(instance);
            int emitted = a.get() + b.get();
            assertEquals(60, events().size());
            assertEquals(60, emitted, "each instance reports only what it emitted itself");
        } finally {
            pool.shutdownNow();
        }
        job.run();
        assertEquals(60, events().size());
    }

    @Test
    void aTicketWithoutActivityIsStaleOnceUntilItMovesAgain() {
        TestTime.set("2030-01-01T08:00:00Z");
        String id = admin(tenant).body(Bodies.ticket().subject("Forgotten").build())
                .when().post("/v1/tickets").then().statusCode(201).extract().path("id");
        TestTime.advance(Duration.ofHours(71));
        job.run();
        assertEquals(List.of(), events());
        TestTime.advance(Duration.ofHours(1));
        job.run();
        job.run();
        assertEquals(List.of("ticket.stale"), events());
        admin(tenant).body(Bodies.ticket().assigneeId("agent-7").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200);
        TestTime.advance(Duration.ofHours(73));
        job.run();
        admin(tenant).queryParam("types", "ticket.stale").when().get("/v1/events").then().body("data", hasSize(2))
                .body("data.entityId", contains(id, id));
    }
}
