package dev.torre.ticket;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/** Priority rules, business calendars and SLA policies, and what a ticket's view says about its targets. */
@QuarkusTest
class SlaTest {

    private final String tenant = newTenant();

    /** Monday to Friday 09:00-17:00, Madrid. */
    private static final Map<String, Object> OFFICE = office("Europe/Madrid", "09:00-17:00");

    /** The Madrid office's calendar in a time zone: 9 to 5 from Monday to Thursday, these hours on Friday, closed on 19 March. */
    private static Map<String, Object> office(String timeZone, String fridayHours) {
        List<String> nineToFive = List.of("09:00-17:00");
        return Map.of("name", "Madrid office", "timeZone", timeZone, "holidays", List.of("2026-03-19"), "weeklyHours",
                Map.of("mon", nineToFive, "tue", nineToFive, "wed", nineToFive, "thu", nineToFive, "fri", List.of(fridayHours)));
    }

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String create(String path, Object body) {
        return admin(tenant).body(body).when().post(path).then().statusCode(201).extract().path("id");
    }

    @Test
    void priorityRulesAreTriedInOrderAndReadTierAndChannel() {
        create("/v1/ticket-priority-rules", Map.of("position", 2, "channel", "phone", "priority", "urgent"));
        create("/v1/ticket-priority-rules", Map.of("position", 1, "companyTier", "platinum", "priority", "high"));
        String platinum = Seed.company(tenant, Bodies.company().name("Big").tier("platinum").build());
        String gold = Seed.company(tenant, Bodies.company().name("Mid").tier("gold").build());
        admin(tenant).when().get("/v1/ticket-priority-rules").then().body("data.position", contains(1, 2));
        String[][] cases = {
                { platinum, "phone", "high" }, { gold, "phone", "urgent" }, { gold, "email", "normal" }, { platinum, "email", "high" } };
        for (String[] c : cases) {
            admin(tenant).body(Bodies.ticket().subject("x").companyId(c[0]).channel(c[1]).build()).when().post("/v1/tickets")
                    .then().statusCode(201).body("priority", equalTo(c[2]));
        }
        admin(tenant).body(Bodies.ticket().subject("x").companyId(platinum).priority("low").build()).when().post("/v1/tickets")
                .then().statusCode(201).body("priority", equalTo("low"));
        admin(tenant).body(Map.of("channel", "fax", "priority", "high")).when().post("/v1/ticket-priority-rules").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("channel"));
    }

    @Test
    void badCalendarsAndPoliciesAreRefused() {
        admin(tenant).body(office("Europe/Atlantis", "09:00-17:00")).when().post("/v1/business-calendars").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("timeZone"));
        admin(tenant).body(office("Europe/Madrid", "17:00-09:00")).when().post("/v1/business-calendars")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("weeklyHours.fri"));
        admin(tenant).body(Map.of("name", "x", "timeZone", "UTC", "weeklyHours", Map.of())).when().post("/v1/business-calendars").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("weeklyHours"));
        admin(tenant).body(Map.of("name", "x", "timeZone", "UTC", "weeklyHours", Map.of("someday", List.of("09:00-10:00")))).when()
                .post("/v1/business-calendars").then().spec(Problems.problem(400));
        admin(tenant).body(Bodies.slaPolicy().name("p").resolution("asap", 60).build()).when().post("/v1/sla-policies")
                .then().spec(Problems.problem(400)).body("errors[0].field", equalTo("targets[0].priority"));
        admin(tenant).body(Bodies.slaPolicy().name("p").target("high").build()).when().post("/v1/sla-policies")
                .then().spec(Problems.problem(400));
        String foreignCalendar = admin(newTenant()).body(OFFICE).when().post("/v1/business-calendars").then().statusCode(201)
                .extract().path("id");
        admin(tenant).body(Bodies.slaPolicy().name("p").calendarId(foreignCalendar).resolution("high", 60).build())
                .when().post("/v1/sla-policies").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("calendarId"));
        admin(tenant).when().get("/v1/sla-policies").then().body("data", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void aTicketCountsItsTargetsInTheCalendarsHoursAndPausesWhilePending() {
        String calendar = create("/v1/business-calendars", OFFICE);
        create("/v1/sla-policies", Bodies.slaPolicy().name("Platinum").with("companyTiers", List.of("platinum")).calendarId(calendar)
                .firstResponse("high", 60).resolution("high", 480).build());
        create("/v1/sla-policies", Bodies.slaPolicy().name("Everyone").position(5).resolution("normal", 1440).build());
        String platinum = Seed.company(tenant, Bodies.company().name("Big").tier("platinum").build());

        // Friday 16:30 in Madrid (15:30Z): 30 working minutes left on Friday
        TestTime.set("2026-03-06T15:30:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Down").priority("high").companyId(platinum).build());
        admin(tenant).when().get("/v1/tickets/{id}", id).then()
                .body("firstResponseSla.dueAt", equalTo("2026-03-09T08:30:00Z"))
                .body("firstResponseSla.remainingSeconds", equalTo(3600))
                .body("firstResponseSla.state", equalTo("running"))
                .body("resolutionSla.dueAt", equalTo("2026-03-09T15:30:00Z"))
                .body("resolutionSla.breached", equalTo(false));

        // Monday 10:00 Madrid: the first response is 30 minutes late; pending pauses the resolution clock
        TestTime.set("2026-03-09T09:00:00Z");
        admin(tenant).body(Bodies.ticket().status("pending").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200)
                .body("firstResponseSla.breached", equalTo(true))
                .body("firstResponseSla.remainingSeconds", equalTo(-1800))
                .body("resolutionSla.state", equalTo("paused"))
                .body("resolutionSla.dueAt", nullValue())
                .body("resolutionSla.remainingSeconds", equalTo(390 * 60));

        // A paused clock stands still; back to open on Tuesday 09:00 Madrid, 390 minutes later is 15:30 Madrid
        TestTime.set("2026-03-10T08:00:00Z");
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("resolutionSla.remainingSeconds", equalTo(390 * 60));
        admin(tenant).body(Bodies.ticket().status("open").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200)
                .body("resolutionSla.state", equalTo("running"))
                .body("resolutionSla.dueAt", equalTo("2026-03-10T14:30:00Z"));

        // A normal ticket gets the catch-all policy in calendar hours
        create("/v1/tickets", Bodies.ticket().subject("Question").build());
        admin(tenant).queryParam("filter", "subject eq \"Question\"").when().get("/v1/tickets").then()
                .body("data[0].resolutionSla.dueAt", equalTo("2026-03-11T08:00:00Z"))
                .body("data[0].firstResponseSla", nullValue());
    }

    @Test
    void resolvingStopsTheClockAndSaysWhetherTheTargetWasMet() {
        create("/v1/sla-policies", Bodies.slaPolicy().name("All").firstResponse("normal", 30).resolution("normal", 120).build());
        TestTime.set("2026-03-02T09:00:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Slow").build());
        TestTime.set("2026-03-02T12:00:00Z");
        admin(tenant).body(Bodies.ticket().status("resolved").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200)
                .body("resolutionSla.state", equalTo("breached")).body("resolutionSla.remainingSeconds", equalTo(-3600))
                .body("firstResponseSla.state", equalTo("breached"));
        String quick = create("/v1/tickets", Bodies.ticket().subject("Quick").build());
        TestTime.set("2026-03-02T13:00:00Z");
        admin(tenant).body(Bodies.ticket().status("resolved").build()).when().patch("/v1/tickets/{id}", quick).then().statusCode(200)
                .body("resolutionSla.state", equalTo("met")).body("resolutionSla.breached", equalTo(false));
    }

    @Test
    void aPriorityChangeMovesTheTargetsAndKeepsTheTimeSpent() {
        create("/v1/sla-policies", """
                {"name":"All","targets":[{"priority":"normal","firstResponseMinutes":240,"resolutionMinutes":1440},
                                         {"priority":"urgent","firstResponseMinutes":30,"resolutionMinutes":120}]}
                """);
        TestTime.set("2026-03-02T09:00:00Z");
        String id = create("/v1/tickets", Bodies.ticket().subject("Checkout fails").build());
        admin(tenant).when().get("/v1/tickets/{id}", id).then().statusCode(200).body("priority", equalTo("normal"))
                .body("firstResponseSla.dueAt", equalTo("2026-03-02T13:00:00Z"))
                .body("resolutionSla.dueAt", equalTo("2026-03-03T09:00:00Z"));

        TestTime.set("2026-03-02T09:20:00Z");
        admin(tenant).body(Bodies.ticket().priority("urgent").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200)
                .body("firstResponseSla.dueAt", equalTo("2026-03-02T09:30:00Z"))
                .body("resolutionSla.dueAt", equalTo("2026-03-02T11:00:00Z"))
                .body("resolutionSla.remainingSeconds", equalTo(6000));

        // pending stops the clock at 10:00 with 60 minutes spent; back to normal, the longer target counts from there
        TestTime.set("2026-03-02T10:00:00Z");
        admin(tenant).body(Bodies.ticket().status("pending").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200);
        admin(tenant).body(Bodies.ticket().priority("normal").build()).when().patch("/v1/tickets/{id}", id).then().statusCode(200)
                .body("firstResponseSla.dueAt", equalTo("2026-03-02T13:00:00Z"))
                .body("firstResponseSla.breached", equalTo(false))
                .body("resolutionSla.remainingSeconds", equalTo(1380 * 60));
    }
}
