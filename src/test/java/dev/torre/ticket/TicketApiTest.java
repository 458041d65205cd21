package dev.torre.ticket;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** /v1/tickets: CRUD, status rules, reopen count, first response and resolution times, satisfaction. */
@QuarkusTest
class TicketApiTest {

    private final String tenant = newTenant();

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String ticket(Bodies.Ticket ticket) {
        return Seed.create(tenant, "tickets", ticket.build());
    }

    private ValidatableResponse moveTo(String id, String status) {
        return admin(tenant).body(Map.of("status", status)).when().patch("/v1/tickets/{id}", id).then();
    }

    private ValidatableResponse post(Bodies.Ticket ticket) {
        return admin(tenant).body(ticket.build()).when().post("/v1/tickets").then();
    }

    @Test
    void opensWithDefaultsAndTheContactsCompany() {
        String company = Seed.create(tenant, "companies", Bodies.company().name("Acme").build());
        String contact = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").companyId(company).build());
        String id = post(Bodies.ticket().subject("Printer on fire").contactId(contact).channel("email").tags("hw"))
                .statusCode(201).header("ETag", "\"0\"")
                .body("status", equalTo("new")).body("priority", equalTo("normal")).body("companyId", equalTo(company))
                .body("openedAt", notNullValue()).body("reopenCount", equalTo(0)).body("firstResponseSla", nullValue())
                .extract().path("id");
        admin(tenant).when().get("/v1/tickets/{id}", id).then().statusCode(200).body("subject", equalTo("Printer on fire"));
        admin(tenant).queryParam("filter", "status eq \"new\" and tags eq \"hw\"").when().get("/v1/tickets").then()
                .body("data.id", contains(id));
        admin(tenant).body(Map.of("q", "printer")).when().post("/v1/tickets/search").then().body("data.id", contains(id));
    }

    @Test
    void resolvingSetsResolvedAtAndLeavingResolvedCountsAReopen() {
        TestTime.set("2026-03-02T09:00:00Z");
        String id = ticket(Bodies.ticket().subject("Help"));
        TestTime.set("2026-03-02T10:00:00Z");
        moveTo(id, "open").statusCode(200).body("resolvedAt", nullValue());
        TestTime.set("2026-03-02T11:00:00Z");
        moveTo(id, "resolved").statusCode(200).body("resolvedAt", equalTo("2026-03-02T11:00:00Z"));
        TestTime.set("2026-03-02T12:00:00Z");
        moveTo(id, "open").statusCode(200).body("resolvedAt", nullValue()).body("reopenCount", equalTo(1));
        moveTo(id, "resolved").statusCode(200).body("resolvedAt", equalTo("2026-03-02T12:00:00Z"));
        TestTime.set("2026-03-02T13:00:00Z");
        moveTo(id, "closed").statusCode(200).body("resolvedAt", equalTo("2026-03-02T12:00:00Z"))
                .body("closedAt", equalTo("2026-03-02T13:00:00Z")).body("reopenCount", equalTo(1));
    }

    @Test
    void nonsenseTransitionsAreRefused() {
        String id = ticket(Bodies.ticket().subject("Help"));
        moveTo(id, "open").statusCode(200);
        moveTo(id, "new").spec(Problems.problem(409)).body("errors[0].code", equalTo("invalid_transition"));
        moveTo(id, "closed").statusCode(200);
        moveTo(id, "open").spec(Problems.problem(409));
        moveTo(id, "new").spec(Problems.problem(409));
        moveTo(id, "done").spec(Problems.problem(400)).body("errors[0].field", equalTo("status"));
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("status", equalTo("closed")).body("version", equalTo(2));
    }

    @Test
    void theFirstOutboundInteractionIsTheFirstResponse() {
        TestTime.set("2026-03-02T09:00:00Z");
        String contact = Seed.contact(tenant, "Ana", "Soler");
        String id = ticket(Bodies.ticket().subject("Help").contactId(contact));
        Seed.create(tenant, "interactions", Bodies.interaction().type("email").direction("inbound").occurredAt("2026-03-02T09:05:00Z")
                .with("ticketId", id).contactId(contact).build());
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstRespondedAt", nullValue());
        TestTime.set("2026-03-02T10:30:00Z");
        Seed.create(tenant, "interactions", Bodies.interaction().type("email").direction("outbound").occurredAt("2026-03-02T09:30:00Z")
                .with("purpose", "service_notifications").with("ticketId", id).contactId(contact).build());
        Seed.create(tenant, "interactions", Bodies.interaction().type("call").direction("outbound").occurredAt("2026-03-02T10:30:00Z")
                .with("purpose", "service_notifications").with("ticketId", id).contactId(contact).build());
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstRespondedAt", equalTo("2026-03-02T09:30:00Z"));
        admin(tenant).when().get("/v1/tickets/{id}/timeline", id).then().body("data.type", contains("call", "email", "email"));
        admin(tenant).queryParam("types", "ticket.first_responded").when().get("/v1/events").then().body("data", hasSize(1));
    }

    @Test
    void historyCanBeImportedButNotResolvedBeforeItWasOpened() {
        ticket(Bodies.ticket().subject("Old").status("resolved").openedAt("2025-01-01T10:00:00Z").resolvedAt("2025-01-02T10:00:00Z"));
        post(Bodies.ticket().subject("Odd").status("resolved").openedAt("2025-01-02T10:00:00Z").resolvedAt("2025-01-01T10:00:00Z"))
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("resolvedAt"));
        post(Bodies.ticket().subject("Odd").status("open").resolvedAt("2025-01-01T10:00:00Z"))
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("resolvedAt"));
        post(Bodies.ticket().subject("Odd").openedAt("2999-01-01T10:00:00Z"))
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("openedAt"));
        admin(tenant).when().get("/v1/tickets").then().body("data", hasSize(1));
    }

    @Test
    void linksMustBeTheTenantsOwn() {
        String foreign = Seed.contact(newTenant(), "Eve", "X");
        post(Bodies.ticket().subject("x").contactId(foreign))
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("contactId"));
        admin(tenant).when().get("/v1/tickets/{id}", foreign).then().spec(Problems.problem(404));
    }

    @Test
    void batchUpsertMatchesOnExternalIdAndRefusesBadMovesPerItem() {
        admin(tenant).body(upsert(Bodies.ticket().externalId("z-1").subject("A"), Bodies.ticket().externalId("z-2").subject("B").status("closed")))
                .when().post("/v1/tickets/batch/upsert").then().statusCode(200).body("results.status", contains("created", "created"));
        admin(tenant).body(upsert(Bodies.ticket().externalId("z-1").status("open"), Bodies.ticket().externalId("z-2").status("open")))
                .when().post("/v1/tickets/batch/upsert").then().statusCode(200).body("results.status", contains("updated", "error"))
                .body("results[1].error.status", equalTo(409));
        admin(tenant).when().get("/v1/tickets").then().body("data.find { it.externalId == 'z-1' }.status", equalTo("open"))
                .body("data.find { it.externalId == 'z-2' }.status", equalTo("closed"));
    }

    @Test
    void aLargeBatchOfTicketsWithContactsAndAPolicy() {
        String policy = Seed.create(tenant, "sla-policies", Map.of("name", "All",
                "targets", List.of(Map.of("priority", "normal", "firstResponseMinutes", 240, "resolutionMinutes", 2880))));
        List<Bodies.Ticket> items = new ArrayList<>();
        String firstContact = null;
        for (int i = 0; i < 300; i++) {
            Bodies.Ticket item = Bodies.ticket().externalId("b-" + i).subject("T").channel("email").status(i % 2 == 0 ? "open" : "resolved");
            if (i < 3) {
                String contact = Seed.contact(tenant, "C" + i, "X");
                firstContact = firstContact == null ? contact : firstContact;
                item.contactId(contact);
            }
            items.add(item);
        }
        admin(tenant).body(upsert(items.toArray(Bodies.Ticket[]::new))).when().post("/v1/tickets/batch/upsert").then()
                .statusCode(200).body("created", equalTo(300));
        admin(tenant).queryParam("filter", "externalId eq \"b-0\"").when().get("/v1/tickets").then()
                .body("data", hasSize(1)).body("data[0].contactId", equalTo(firstContact)).body("data[0].slaPolicyId", equalTo(policy));
    }

    @Test
    void satisfactionIsOneToFive() {
        String id = ticket(Bodies.ticket().subject("Help").status("resolved"));
        admin(tenant).body(Map.of("score", 5, "comment", "Great")).when().post("/v1/tickets/{id}/csat", id).then().statusCode(200)
                .body("csatScore", equalTo(5)).body("csatComment", equalTo("Great"));
        admin(tenant).body(Map.of("score", 6)).when().post("/v1/tickets/{id}/csat", id).then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("score"));
        admin(tenant).body(Map.of("score", 0)).when().post("/v1/tickets/{id}/csat", id).then().spec(Problems.problem(400));
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("csatScore", equalTo(5));
    }

    private static Map<String, Object> upsert(Bodies.Ticket... items) {
        return Map.of("matchOn", "externalId", "items", java.util.Arrays.stream(items).map(Bodies.Ticket::build).toList());
    }
}
