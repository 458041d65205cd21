package dev.torre.ticket;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    private String ticket(String json) {
        return admin(tenant).body(json).when().post("/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse patch(String id, String json) {
        return admin(tenant).body(json).when().patch("/v1/tickets/{id}", id).then();
    }

    @Test
    void opensWithDefaultsAndTheContactsCompany() {
        String company = Seed.company(tenant, "{\"name\":\"Acme\"}");
        String contact = Seed.contact(tenant, "{\"email\":\"ana@acme.es\",\"companyId\":\"" + company + "\"}");
        String id = admin(tenant).body("{\"subject\":\"Printer on fire\",\"contactId\":\"" + contact + "\",\"channel\":\"email\",\"tags\":[\"hw\"]}")
                .when().post("/v1/tickets").then().statusCode(201).header("ETag", "\"0\"")
                .body("status", equalTo("new")).body("priority", equalTo("normal")).body("companyId", equalTo(company))
                .body("openedAt", notNullValue()).body("reopenCount", equalTo(0)).body("firstResponseSla", nullValue())
                .extract().path("id");
        admin(tenant).when().get("/v1/tickets/{id}", id).then().statusCode(200).body("subject", equalTo("Printer on fire"));
        admin(tenant).queryParam("filter", "status eq \"new\" and tags eq \"hw\"").when().get("/v1/tickets").then()
                .body("data.id", contains(id));
        admin(tenant).body("{\"q\":\"printer\"}").when().post("/v1/tickets/search").then().body("data.id", contains(id));
    }

    @Test
    void resolvingSetsResolvedAtAndLeavingResolvedCountsAReopen() {
        TestTime.set("2026-03-02T09:00:00Z");
        String id = ticket("{\"subject\":\"Help\"}");
        TestTime.set("2026-03-02T10:00:00Z");
        patch(id, "{\"status\":\"open\"}").statusCode(200).body("resolvedAt", nullValue());
        TestTime.set("2026-03-02T11:00:00Z");
        patch(id, "{\"status\":\"resolved\"}").statusCode(200).body("resolvedAt", equalTo("2026-03-02T11:00:00Z"));
        TestTime.set("2026-03-02T12:00:00Z");
        patch(id, "{\"status\":\"open\"}").statusCode(200).body("resolvedAt", nullValue()).body("reopenCount", equalTo(1));
        patch(id, "{\"status\":\"resolved\"}").statusCode(200).body("resolvedAt", equalTo("2026-03-02T12:00:00Z"));
        TestTime.set("2026-03-02T13:00:00Z");
        patch(id, "{\"status\":\"closed\"}").statusCode(200).body("resolvedAt", equalTo("2026-03-02T12:00:00Z"))
                .body("closedAt", equalTo("2026-03-02T13:00:00Z")).body("reopenCount", equalTo(1));
    }

    @Test
    void nonsenseTransitionsAreRefused() {
        String id = ticket("{\"subject\":\"Help\"}");
        patch(id, "{\"status\":\"open\"}").statusCode(200);
        patch(id, "{\"status\":\"new\"}").spec(Problems.problem(409)).body("errors[0].code", equalTo("invalid_transition"));
        patch(id, "{\"status\":\"closed\"}").statusCode(200);
        patch(id, "{\"status\":\"open\"}").spec(Problems.problem(409));
        patch(id, "{\"status\":\"new\"}").spec(Problems.problem(409));
        patch(id, "{\"status\":\"done\"}").spec(Problems.problem(400)).body("errors[0].field", equalTo("status"));
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("status", equalTo("closed")).body("version", equalTo(2));
    }

    @Test
    void theFirstOutboundInteractionIsTheFirstResponse() {
        TestTime.set("2026-03-02T09:00:00Z");
        String contact = Seed.contact(tenant, "Ana", "Soler");
        String id = ticket("{\"subject\":\"Help\",\"contactId\":\"" + contact + "\"}");
        String on = ",\"ticketId\":\"" + id + "\",\"contactId\":\"" + contact + "\"}";
        admin(tenant).body("{\"type\":\"email\",\"direction\":\"inbound\",\"occurredAt\":\"2026-03-02T09:05:00Z\"" + on)
                .when().post("/v1/interactions").then().statusCode(201);
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstRespondedAt", nullValue());
        TestTime.set("2026-03-02T10:30:00Z");
        admin(tenant).body("{\"type\":\"email\",\"direction\":\"outbound\",\"occurredAt\":\"2026-03-02T09:30:00Z\",\"purpose\":\"service_notifications\"" + on)
                .when().post("/v1/interactions").then().statusCode(201);
        admin(tenant).body("{\"type\":\"call\",\"direction\":\"outbound\",\"occurredAt\":\"2026-03-02T10:30:00Z\",\"purpose\":\"service_notifications\"" + on)
                .when().post("/v1/interactions").then().statusCode(201);
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("firstRespondedAt", equalTo("2026-03-02T09:30:00Z"));
        admin(tenant).when().get("/v1/tickets/{id}/timeline", id).then().body("data.type", contains("call", "email", "email"));
        admin(tenant).queryParam("types", "ticket.first_responded").when().get("/v1/events").then().body("data", hasSize(1));
    }

    @Test
    void historyCanBeImportedButNotResolvedBeforeItWasOpened() {
        ticket("{\"subject\":\"Old\",\"status\":\"resolved\",\"openedAt\":\"2025-01-01T10:00:00Z\",\"resolvedAt\":\"2025-01-02T10:00:00Z\"}");
        admin(tenant).body("{\"subject\":\"Odd\",\"status\":\"resolved\",\"openedAt\":\"2025-01-02T10:00:00Z\",\"resolvedAt\":\"2025-01-01T10:00:00Z\"}")
                .when().post("/v1/tickets").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("resolvedAt"));
        admin(tenant).body("{\"subject\":\"Odd\",\"status\":\"open\",\"resolvedAt\":\"2025-01-01T10:00:00Z\"}")
                .when().post("/v1/tickets").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("resolvedAt"));
        admin(tenant).body("{\"subject\":\"Odd\",\"openedAt\":\"2999-01-01T10:00:00Z\"}")
                .when().post("/v1/tickets").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("openedAt"));
        admin(tenant).when().get("/v1/tickets").then().body("data", hasSize(1));
    }

    @Test
    void linksMustBeTheTenantsOwn() {
        String foreign = Seed.contact(newTenant(), "Eve", "X");
        admin(tenant).body("{\"subject\":\"x\",\"contactId\":\"" + foreign + "\"}").when().post("/v1/tickets").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("contactId"));
        admin(tenant).when().get("/v1/tickets/{id}", foreign).then().spec(Problems.problem(404));
    }

    @Test
    void batchUpsertMatchesOnExternalIdAndRefusesBadMovesPerItem() {
        admin(tenant).body("{\"matchOn\":\"externalId\",\"items\":[{\"externalId\":\"z-1\",\"subject\":\"A\"},{\"externalId\":\"z-2\",\"subject\":\"B\",\"status\":\"closed\"}]}")
                .when().post("/v1/tickets/batch/upsert").then().statusCode(200).body("results.status", contains("created", "created"));
        admin(tenant).body("{\"matchOn\":\"externalId\",\"items\":[{\"externalId\":\"z-1\",\"status\":\"open\"},{\"externalId\":\"z-2\",\"status\":\"open\"}]}")
                .when().post("/v1/tickets/batch/upsert").then().statusCode(200).body("results.status", contains("updated", "error"))
                .body("results[1].error.status", equalTo(409));
    }

    @Test
    void aLargeBatchOfTicketsWithContactsAndAPolicy() {
        admin(tenant).body("{\"name\":\"All\",\"targets\":[{\"priority\":\"normal\",\"firstResponseMinutes\":240,\"resolutionMinutes\":2880}]}")
                .when().post("/v1/sla-policies").then().statusCode(201);
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String contact = i < 3 ? Seed.contact(tenant, "C" + i, "X") : null;
            items.append(i == 0 ? "" : ",").append("{\"externalId\":\"b-").append(i).append("\",\"subject\":\"T\",\"channel\":\"email\",\"status\":\"")
                    .append(i % 2 == 0 ? "open" : "resolved").append("\"").append(contact == null ? "" : ",\"contactId\":\"" + contact + "\"").append("}");
        }
        admin(tenant).body("{\"matchOn\":\"externalId\",\"items\":[" + items + "]}").when().post("/v1/tickets/batch/upsert").then()
                .statusCode(200).body("created", equalTo(300));
    }

    @Test
    void satisfactionIsOneToFive() {
        String id = ticket("{\"subject\":\"Help\",\"status\":\"resolved\"}");
        admin(tenant).body("{\"score\":5,\"comment\":\"Great\"}").when().post("/v1/tickets/{id}/csat", id).then().statusCode(200)
                .body("csatScore", equalTo(5)).body("csatComment", equalTo("Great"));
        admin(tenant).body("{\"score\":6}").when().post("/v1/tickets/{id}/csat", id).then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("score"));
        admin(tenant).body("{\"score\":0}").when().post("/v1/tickets/{id}/csat", id).then().spec(Problems.problem(400));
        admin(tenant).when().get("/v1/tickets/{id}", id).then().body("csatScore", equalTo(5));
    }
}
