package dev.torre.ticket;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/**
 * SLA figures against caller-supplied times and later edits: backdating stops at the ticket's last status change and
 * at a breach already announced, the future is refused, and due times follow calendar and policy edits.
 */
@QuarkusTest
class SlaTimeRulesTest {

    private final String tenant = newTenant();

    @Inject
    SlaJob job;

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String create(String path, Object body) {
        return admin(tenant).body(body).when().post(path).then().statusCode(201).extract().path("id");
    }

    private List<String> events(String types) {
        return admin(tenant).queryParam("types", types).queryParam("limit", 100).when().get("/v1/events").then().statusCode(200)
                .extract().path("data.type");
    }

    @Test
    void aResolutionCannotBeBackdatedBeforeTheLastStatusChangeNorBeforeAnAnnouncedBreach() {
        create("/v1/sla-policies", Bodies.slaPolicy().name("All").resolution("normal", 240).build());
        TestTime.set("2026-03-02T09:00:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Broken").build());
        TestTime.set("2026-03-02T10:00:00Z");
        admin(tenant).body(Bodies.ticket().status("open").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200);

        TestTime.set("2026-03-02T14:00:00Z");
        job.run();
        assertEquals(List.of("ticket.sla_breached"), events("ticket.sla_breached"));

        admin(tenant).body(Bodies.ticket().status("resolved").resolvedAt("2026-03-02T09:30:00Z").build()).when().patch("/v1/tickets/{id}", id)
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("resolvedAt"))
                .body("errors[0].code", equalTo("too_early")).body("detail", org.hamcrest.Matchers.containsString("status change"));
        admin(tenant).body(Bodies.ticket().status("resolved").resolvedAt("2026-03-02T10:30:00Z").build()).when().patch("/v1/tickets/{id}", id)
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("resolvedAt"))
                .body("detail", org.hamcrest.Matchers.containsString("breach"));
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("status", equalTo("open"));

        admin(tenant).body(Bodies.ticket().status("resolved").resolvedAt("2026-03-02T13:30:00Z").build()).when().patch("/v1/tickets/{id}", id)
                .then().statusCode(200).body("resolvedAt", equalTo("2026-03-02T13:30:00Z"))
                .body("resolutionSla.breached", equalTo(true)).body("resolutionSla.state", equalTo("breached"));
    }

    @Test
    void aBackdatingWithinTheBoundsIsAccepted() {
        create("/v1/sla-policies", Bodies.slaPolicy().name("All").resolution("normal", 240).build());
        TestTime.set("2026-03-02T09:00:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Broken").build());
        TestTime.set("2026-03-02T10:00:00Z");
        admin(tenant).body(Bodies.ticket().status("open").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200);
        TestTime.set("2026-03-02T11:00:00Z");
        admin(tenant).body(Bodies.ticket().status("resolved").resolvedAt("2026-03-02T10:15:00Z").build()).when().patch("/v1/tickets/{id}", id)
                .then().statusCode(200).body("resolvedAt", equalTo("2026-03-02T10:15:00Z")).body("resolutionSla.state", equalTo("met"));
    }

    @Test
    void aLateRecordedResponseDatedEarlyCannotUndoAnAnnouncedBreach() {
        create("/v1/sla-policies", Bodies.slaPolicy().name("All").firstResponse("normal", 60).build());
        String contact = Seed.contact(tenant, "Ana", "Soler");
        TestTime.set("2026-03-02T09:00:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Broken").contactId(contact).build());
        TestTime.set("2026-03-02T11:00:00Z");
        job.run();
        assertEquals(List.of("ticket.sla_breached"), events("ticket.sla_breached"));

        create("/v1/interactions", Bodies.interaction().type("note").direction("outbound").occurredAt("2026-03-02T09:10:00Z")
                .contactId(contact).ticketId(id).build());
        admin(tenant).when().get("/v1/tickets/{id}", id).then()
                .body("firstRespondedAt", equalTo("2026-03-02T11:00:00Z"))
                .body("firstResponseSla.breached", equalTo(true));
    }

    @Test
    void aResponseDatedBeforeTheLastStatusChangeCountsFromThatChange() {
        create("/v1/sla-policies", Bodies.slaPolicy().name("All").firstResponse("normal", 600).build());
        TestTime.set("2026-03-02T09:00:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Broken").build());
        TestTime.set("2026-03-02T10:00:00Z");
        admin(tenant).body(Bodies.ticket().status("pending").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200);
        create("/v1/interactions", Bodies.interaction().type("note").direction("outbound").occurredAt("2026-03-02T09:05:00Z")
                .ticketId(id).build());
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstRespondedAt", equalTo("2026-03-02T10:00:00Z"));
    }

    @Test
    void timesBeyondTheClockSkewAreRefusedAndWithinItAccepted() {
        TestTime.set("2026-03-02T09:00:00Z");
        admin(tenant).body(Bodies.ticket().subject("Later").openedAt("2099-01-01T00:00:00Z").build()).when().post("/v1/tickets").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("openedAt")).body("errors[0].code", equalTo("in_future"));
        admin(tenant).body(Bodies.ticket().subject("Later").status("resolved").resolvedAt("2026-03-02T09:06:00Z").build()).when()
                .post("/v1/tickets").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("resolvedAt"));
        admin(tenant).body(Bodies.ticket().subject("Skewed").openedAt("2026-03-02T09:04:00Z").build()).when().post("/v1/tickets").then()
                .statusCode(201).body("openedAt", equalTo("2026-03-02T09:04:00Z"));
    }

    @Test
    void dueTimesFollowAnEditedCalendarSoTheJobAgreesWithTheApi() {
        String calendar = create("/v1/business-calendars", """
                {"name":"Office","timeZone":"UTC","weeklyHours":{"mon":["09:00-17:00"],"tue":["09:00-17:00"],"wed":["09:00-17:00"]}}
                """);
        create("/v1/sla-policies", Bodies.slaPolicy().name("All").calendarId(calendar).firstResponse("normal", 120).build());
        TestTime.set("2026-03-02T09:00:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Broken").build());
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstResponseSla.dueAt", equalTo("2026-03-02T11:00:00Z"));

        admin(tenant).body(Map.of("weeklyHours", Map.of("mon", List.of("09:00-10:00"), "tue", List.of("09:00-10:00"), "wed", List.of("09:00-10:00"))))
                .when().patch("/v1/business-calendars/{id}", calendar).then().statusCode(200);
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstResponseSla.dueAt", equalTo("2026-03-03T10:00:00Z"));
        admin(tenant).queryParam("types", "ticket.sla_retargeted").when().get("/v1/events").then()
                .body("data.entityId", contains(id))
                .body("data[0].payload.before.firstResponseDueAt", equalTo("2026-03-02T11:00:00Z"))
                .body("data[0].payload.after.firstResponseDueAt", equalTo("2026-03-03T10:00:00Z"));

        TestTime.set("2026-03-02T11:30:00Z");
        job.run();
        assertEquals(List.of(), events("ticket.sla_breached"), "the API shows the ticket running: no breach");
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstResponseSla.state", equalTo("running"));

        TestTime.set("2026-03-03T10:00:00Z");
        job.run();
        assertEquals(List.of("ticket.sla_breached"), events("ticket.sla_breached"));
        admin(tenant).queryParam("types", "ticket.sla_breached").when().get("/v1/events").then()
                .body("data[0].payload.dueAt", org.hamcrest.Matchers.startsWith("2026-03-03T10:00"));
    }

    @Test
    void dueTimesFollowAnEditedPolicyBothWays() {
        String policy = create("/v1/sla-policies", Bodies.slaPolicy().name("All").firstResponse("normal", 60).build());
        TestTime.set("2026-03-02T09:00:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Broken").build());

        admin(tenant).body(Bodies.slaPolicy().firstResponse("normal", 240).build())
                .when().patch("/v1/sla-policies/{id}", policy).then().statusCode(200);
        TestTime.set("2026-03-02T10:30:00Z");
        job.run();
        assertEquals(List.of(), events("ticket.sla_breached"));
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstResponseSla.dueAt", equalTo("2026-03-02T13:00:00Z"))
                .body("firstResponseSla.targetMinutes", equalTo(240));

        admin(tenant).body(Bodies.slaPolicy().firstResponse("normal", 30).build())
                .when().patch("/v1/sla-policies/{id}", policy).then().statusCode(200);
        job.run();
        assertEquals(List.of("ticket.sla_breached"), events("ticket.sla_breached"));
        assertEquals(List.of("ticket.sla_retargeted", "ticket.sla_retargeted"), events("ticket.sla_retargeted"));
    }
}
