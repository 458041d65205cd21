package dev.torre.ticket;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The service KPIs against figures worked out by hand on four tickets, all opened on
 * 2026-03-02 at 08:00Z, read at 14:00Z (calendar-hours SLA: normal 60/240 min, high 30/120 min):
 * <pre>
 *  A email  ana  normal  replied 08:30 (1800 s)  resolved 10:00 (7200 s)   csat 5
 *  B phone  ana  high    replied 09:00 (3600 s, late) and 09:30; resolved 11:00, reopened 11:30,
 *                        resolved 12:00 (14400 s; 12600 s on the clock, late)     csat 2
 *  C email  bea  normal  replied 08:15 (900 s)   open (resolution late since 12:00)
 *  D email  -    normal  no reply (late)         open
 * </pre>
 */
@QuarkusTest
class ServiceAnalyticsTest {

    private final String tenant = newTenant();

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String ticket(Bodies.Ticket ticket) {
        return admin(tenant).body(ticket.build()).when().post("/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private void reply(String ticket, String at) {
        TestTime.set(at); // recorded as it happens: a reply dated ahead of the clock is refused
        admin(tenant).body(Bodies.interaction().type("email").direction("outbound").occurredAt(at).ticketId(ticket).build())
                .when().post("/v1/interactions").then().statusCode(201);
    }

    private void status(String ticket, String at, String status) {
        TestTime.set(at);
        admin(tenant).body(Bodies.ticket().status(status).build()).when().patch("/v1/tickets/{id}", ticket).then().statusCode(200);
    }

    @BeforeEach
    void fourTickets() {
        admin(tenant).body("""
                {"name":"All","targets":[{"priority":"normal","firstResponseMinutes":60,"resolutionMinutes":240},
                                         {"priority":"high","firstResponseMinutes":30,"resolutionMinutes":120}]}
                """).when().post("/v1/sla-policies").then().statusCode(201);
        TestTime.set("2026-03-02T08:00:00Z");
        String a = ticket(Bodies.ticket().subject("A").channel("email").assigneeId("ana"));
        String b = ticket(Bodies.ticket().subject("B").channel("phone").assigneeId("ana").priority("high"));
        String c = ticket(Bodies.ticket().subject("C").channel("email").assigneeId("bea"));
        ticket(Bodies.ticket().subject("D").channel("email"));
        reply(a, "2026-03-02T08:30:00Z");
        reply(b, "2026-03-02T09:00:00Z");
        reply(b, "2026-03-02T09:30:00Z");
        reply(c, "2026-03-02T08:15:00Z");
        status(a, "2026-03-02T10:00:00Z", "resolved");
        status(b, "2026-03-02T11:00:00Z", "resolved");
        status(b, "2026-03-02T11:30:00Z", "open");
        status(b, "2026-03-02T12:00:00Z", "resolved");
        admin(tenant).body(Map.of("score", 5)).when().post("/v1/tickets/{id}/csat", a).then().statusCode(200);
        admin(tenant).body(Map.of("score", 2)).when().post("/v1/tickets/{id}/csat", b).then().statusCode(200);
        String contact = Seed.contact(tenant, "Ana", "Soler");
        for (int score : new int[] { 10, 9, 8, 3 }) {
            admin(tenant).body(Map.of("contactId", contact, "score", score)).when().post("/v1/nps").then().statusCode(201);
        }
        TestTime.set("2026-03-02T14:00:00Z");
    }

    private ValidatableResponse kpis(String groupBy) {
        var request = admin(tenant).queryParam("from", "2026-03-02").queryParam("to", "2026-03-02T14:00:00Z");
        if (groupBy != null) {
            request.queryParam("groupBy", groupBy);
        }
        return request.when().get("/v1/analytics/service").then().statusCode(200);
    }

    @Test
    void totalsMatchTheHandComputedFigures() {
        kpis(null).body("groups", hasSize(0))
                .body("totals.ticketVolume", equalTo(4))
                .body("totals.firstContactResolutionRate", equalTo(0.5f))
                .body("totals.firstResponseMedianSeconds", equalTo(1800))
                .body("totals.firstResponseP90Seconds", equalTo(3240))
                .body("totals.resolutionMedianSeconds", equalTo(10800))
                .body("totals.resolutionP90Seconds", equalTo(13680))
                .body("totals.firstResponseSlaPercent", equalTo(50))
                .body("totals.resolutionSlaPercent", equalTo(25))
                .body("totals.backlog", equalTo(2))
                .body("totals.backlogAverageAgeSeconds", equalTo(21600))
                .body("totals.csatAverage", equalTo(3.5f))
                .body("totals.csatResponses", equalTo(2))
                .body("totals.reopenRate", equalTo(0.5f))
                .body("nps.score", equalTo(25))
                .body("nps.promoters", equalTo(2)).body("nps.passives", equalTo(1)).body("nps.detractors", equalTo(1));
    }

    @Test
    void perAssigneeFiguresMatchToo() {
        ValidatableResponse r = kpis("assignee").body("groups", hasSize(3));
        r.body("groups.find { it.key == 'ana' }.kpis.ticketVolume", equalTo(2))
                .body("groups.find { it.key == 'ana' }.kpis.firstResponseMedianSeconds", equalTo(2700))
                .body("groups.find { it.key == 'ana' }.kpis.firstResponseP90Seconds", equalTo(3420))
                .body("groups.find { it.key == 'ana' }.kpis.resolutionSlaPercent", equalTo(50))
                .body("groups.find { it.key == 'ana' }.kpis.backlog", equalTo(0))
                .body("groups.find { it.key == 'bea' }.kpis.firstContactResolutionRate", nullValue())
                .body("groups.find { it.key == 'bea' }.kpis.firstResponseSlaPercent", equalTo(100))
                .body("groups.find { it.key == 'bea' }.kpis.resolutionSlaPercent", equalTo(0))
                .body("groups.find { it.key == 'bea' }.kpis.backlog", equalTo(1))
                .body("groups.find { it.key == null }.kpis.firstResponseSlaPercent", equalTo(0))
                .body("totals.ticketVolume", equalTo(4));
        kpis("channel").body("groups.find { it.key == 'phone' }.kpis.csatAverage", equalTo(2))
                .body("groups.find { it.key == 'email' }.kpis.ticketVolume", equalTo(3));
    }

    /** A hidden ticket field is neither averaged for the caller nor used to group its figures. */
    @Test
    void figuresOfHiddenFieldsAreWithheld() {
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("csatScore", "assigneeId")))
                .when().put("/v1/access-policy/service/ticket").then().statusCode(200);
        String service = Tokens.of(tenant, "service", null);
        as(service).queryParam("from", "2026-03-02").queryParam("to", "2026-03-02T14:00:00Z").when().get("/v1/analytics/service")
                .then().statusCode(200).body("totals.ticketVolume", equalTo(4)).body("totals.csatAverage", nullValue())
                .body("totals.csatResponses", nullValue());
        as(service).queryParam("groupBy", "assignee").when().get("/v1/analytics/service").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("groupBy")).body("errors[0].code", equalTo("hidden_field"));
        as(service).queryParam("groupBy", "channel").queryParam("from", "2026-03-02").queryParam("to", "2026-03-02T14:00:00Z")
                .when().get("/v1/analytics/service").then().statusCode(200)
                .body("groups.find { it.key == 'phone' }.kpis.csatAverage", nullValue());
        kpis(null).body("totals.csatAverage", equalTo(3.5f));
    }

    @Test
    void badParametersAreRefused() {
        admin(tenant).queryParam("groupBy", "mood").when().get("/v1/analytics/service").then().spec(Problems.problem(400));
        admin(tenant).queryParam("from", "yesterday").when().get("/v1/analytics/service").then().spec(Problems.problem(400));
        admin(tenant).queryParam("from", "2026-03-03").queryParam("to", "2026-03-02").when().get("/v1/analytics/service").then()
                .spec(Problems.problem(400));
        admin(tenant).body(Map.of("contactId", java.util.UUID.randomUUID(), "score", 5)).when().post("/v1/nps").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("contactId"));
        String contact = Seed.contact(tenant, "Bea", "X");
        admin(tenant).body(Map.of("contactId", contact, "score", 11)).when().post("/v1/nps").then().spec(Problems.problem(400));
        admin(tenant).body(Map.of("contactId", contact, "score", -1)).when().post("/v1/nps").then().spec(Problems.problem(400));
    }
}
