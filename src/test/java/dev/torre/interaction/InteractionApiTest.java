package dev.torre.interaction;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** /v1/interactions: recording, dedupe by message id, links checked within the tenant, contact clocks. */
@QuarkusTest
class InteractionApiTest {

    private final String tenant = newTenant();

    private static Map<String, Object> email(String messageId, String direction, String at, String subject, String contactId) {
        Bodies.Interaction email = Bodies.interaction().type("email").direction(direction).occurredAt(at).subject(subject)
                .externalMessageId(messageId);
        if (contactId != null) {
            email.contactId(contactId);
        }
        if ("outbound".equals(direction)) {
            email.purpose("service_notifications");
        }
        return email.build();
    }

    /** An inbound message from an address no contact holds yet. */
    private static Map<String, Object> fromUnknown(String type, String fromAddress, String messageId) {
        return Bodies.interaction().type(type).direction("inbound").occurredAt("2026-03-02T10:00:00Z").fromAddress(fromAddress)
                .externalMessageId(messageId).build();
    }

    @Test
    void recordsReadsUpdatesAndArchives() {
        String contact = Seed.contact(tenant, "Ana", "Soler");
        String id = admin(tenant).body(Bodies.interaction().type("call").direction("outbound").occurredAt("2026-03-02T10:00:00Z")
                .with("durationSeconds", 300).with("sentiment", 0.5).contactId(contact).with("recordingUrl", "https://rec.example/1")
                .purpose("service_notifications").build()).when().post("/v1/interactions").then().statusCode(201)
                .header("Location", notNullValue())
                .body("type", equalTo("call")).body("direction", equalTo("outbound"))
                .body("sentiment", equalTo(0.5f)).body("durationSeconds", equalTo(300))
                .extract().path("id");
        admin(tenant).when().get("/v1/interactions/{id}", id).then().statusCode(200).body("contactId", equalTo(contact));
        admin(tenant).header("If-Match", "\"0\"").body(Bodies.interaction().subject("Renewal").build()).when().patch("/v1/interactions/{id}", id)
                .then().statusCode(200).body("subject", equalTo("Renewal")).body("version", equalTo(1));
        admin(tenant).when().delete("/v1/interactions/{id}", id).then().statusCode(204);
        admin(tenant).when().get("/v1/interactions").then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void theSameMessageTwiceIsStoredOnceAndAnotherUnderItsIdIsRefused() {
        String first = admin(tenant).body(email("<m1@mail>", "inbound", "2026-03-02T10:00:00Z", "Hello", null))
                .when().post("/v1/interactions").then().statusCode(201).extract().path("id");
        admin(tenant).body(email("<m1@mail>", "inbound", "2026-03-02T10:00:00Z", "Hello", null))
                .when().post("/v1/interactions").then().statusCode(200).body("id", equalTo(first));
        admin(tenant).body(email("<m1@mail>", "inbound", "2026-03-02T10:00:00Z", "Other subject", null))
                .when().post("/v1/interactions").then().spec(Problems.problem(409))
                .body("errors[0].field", equalTo("externalMessageId"));
        admin(tenant).when().get("/v1/interactions").then().body("data", hasSize(1)).body("data[0].subject", equalTo("Hello"));
    }

    @Test
    void aBatchReportsEachItemAndABadItemFailsAlone() {
        String contact = Seed.contact(tenant, "Ana", "Soler");
        String otherTenantsContact = Seed.contact(newTenant(), "Eve", "X");
        admin(tenant).body(email("<stored@mail>", "inbound", "2026-03-01T09:00:00Z", "Stored", contact))
                .when().post("/v1/interactions").then().statusCode(201);
        List<Map<String, Object>> items = List.of(
                email("<a@mail>", "inbound", "2026-03-02T10:00:00Z", "A", contact),
                email("<a@mail>", "inbound", "2026-03-02T10:00:00Z", "A", contact),
                email("<a@mail>", "inbound", "2026-03-02T10:00:00Z", "A changed", contact),
                email("<stored@mail>", "inbound", "2026-03-01T09:00:00Z", "Stored", contact),
                email("<stored@mail>", "inbound", "2026-03-01T09:00:00Z", "Stored, edited", contact),
                email("<b@mail>", "inbound", "2026-03-02T11:00:00Z", "B", otherTenantsContact),
                Bodies.interaction().type("fax").direction("inbound").occurredAt("2026-03-02T10:00:00Z").build(),
                Bodies.interaction().type("note").direction("internal").occurredAt("2026-03-02T12:00:00Z").with("sentiment", 2).build());
        List<String> ids = admin(tenant).body(Map.of("items", items))
                .when().post("/v1/interactions/batch").then().log().ifValidationFails().statusCode(200)
                .body("results.status", contains("created", "unchanged", "duplicate", "unchanged", "duplicate", "error", "error", "error"))
                .body("results[5].error.errors[0].field", equalTo("contactId"))
                .body("results[6].error.errors[0].field", equalTo("type"))
                .body("results[7].error.errors[0].field", equalTo("sentiment"))
                .body("created", equalTo(1)).body("unchanged", equalTo(2)).body("duplicate", equalTo(2)).body("failed", equalTo(3))
                .extract().path("results.id");
        assertEquals(ids.get(0), ids.get(1));
        assertEquals(ids.get(0), ids.get(2));
        assertEquals(ids.get(3), ids.get(4));
        admin(tenant).when().get("/v1/interactions").then().body("data", hasSize(2));
    }

    @Test
    void anUnknownInboundSenderBecomesAContactOnlyWhenAsked() {
        admin(tenant).body(Map.of("items", List.of(fromUnknown("whatsapp", "+34 612 000 111", "w1")))).when().post("/v1/interactions/batch")
                .then().statusCode(200).body("results[0].status", equalTo("created"));
        admin(tenant).when().get("/v1/contacts").then().body("data", hasSize(0));

        String id = admin(tenant).body(Map.of("createUnknownContacts", true, "items", List.of(fromUnknown("whatsapp", "+34 612 000 222", "w2"),
                fromUnknown("whatsapp", "New.Person@Example.com", "w3"), fromUnknown("whatsapp", "+34612000222", "w4"))))
                .when().post("/v1/interactions/batch").then().log().ifValidationFails().statusCode(200)
                .body("results.status", contains("created", "created", "created")).extract().path("results[0].id");
        admin(tenant).when().get("/v1/contacts").then().body("data", hasSize(2));
        String contact = admin(tenant).when().get("/v1/interactions/{id}", id).then().extract().path("contactId");
        admin(tenant).when().get("/v1/contacts/{id}", contact).then().body("phone", equalTo("+34612000222"))
                .body("lastInboundAt", equalTo("2026-03-02T10:00:00Z"));
        admin(tenant).when().get("/v1/contacts/{id}/timeline", contact).then().body("data", hasSize(2));
    }

    /**
     * A sender that cannot become a contact (an address the contact rules refuse) fails its own item only: the contact
     * service's refusal must not leave the batch's transaction marked for rollback, or every other item would be lost.
     */
    @Test
    void aSenderThatCannotBecomeAContactFailsOnlyItsItem() {
        admin(tenant).body(Map.of("createUnknownContacts", true, "items", List.of(fromUnknown("email", "new.person@example.com", "r1"),
                fromUnknown("email", "not..an@@address", "r2"))))
                .when().post("/v1/interactions/batch").then().log().ifValidationFails().statusCode(200)
                .body("results.status", contains("created", "error"))
                .body("results[1].error.status", equalTo(400));
        admin(tenant).when().get("/v1/contacts").then().body("data.email", contains("new.person@example.com"));
        admin(tenant).when().get("/v1/interactions").then().body("data.externalMessageId", contains("r1"));
    }

    @Test
    void theContactRemembersItsLastInteractionAndLastInbound() {
        String contact = Seed.contact(tenant, "Ana", "Soler");
        String q = admin(tenant).body(email("i1", "inbound", "2026-03-02T10:00:00Z", "Q", contact)).when()
                .post("/v1/interactions").then().statusCode(201).extract().path("id");
        String answer = admin(tenant).body(email("o1", "outbound", "2026-03-03T10:00:00Z", "A", contact)).when()
                .post("/v1/interactions").then().statusCode(201).extract().path("id");
        String older = admin(tenant).body(email("i0", "inbound", "2026-03-01T10:00:00Z", "older", contact)).when()
                .post("/v1/interactions").then().statusCode(201).extract().path("id");
        admin(tenant).when().get("/v1/contacts/{id}", contact).then()
                .body("lastInteractionAt", equalTo("2026-03-03T10:00:00Z"))
                .body("lastInboundAt", equalTo("2026-03-02T10:00:00Z"));

        // archiving the latest one moves the mark back to what remains; restoring it moves it forward again
        admin(tenant).when().delete("/v1/interactions/{id}", answer).then().statusCode(204);
        admin(tenant).when().get("/v1/contacts/{id}", contact).then()
                .body("lastInteractionAt", equalTo("2026-03-02T10:00:00Z"))
                .body("lastInboundAt", equalTo("2026-03-02T10:00:00Z"));
        admin(tenant).when().delete("/v1/interactions/{id}", q).then().statusCode(204);
        admin(tenant).when().delete("/v1/interactions/{id}", older).then().statusCode(204);
        admin(tenant).when().get("/v1/contacts/{id}", contact).then()
                .body("lastInteractionAt", nullValue()).body("lastInboundAt", nullValue());
        admin(tenant).when().post("/v1/interactions/{id}/restore", answer).then().statusCode(200);
        admin(tenant).when().get("/v1/contacts/{id}", contact).then()
                .body("lastInteractionAt", equalTo("2026-03-03T10:00:00Z")).body("lastInboundAt", nullValue());
    }

    @Test
    void badLinksAndBadValuesAreRefusedAndChangeNothing() {
        String foreignCompany = Seed.company(newTenant(), Bodies.company().name("Other").build());
        admin(tenant).body(Bodies.interaction().type("email").direction("inbound").occurredAt("2026-03-02T10:00:00Z")
                .with("companyId", foreignCompany).build()).when().post("/v1/interactions").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("companyId"));
        admin(tenant).body(Bodies.interaction().type("email").direction("inbound").occurredAt("2026-03-02T10:00:00Z")
                .with("dealId", foreignCompany).build()).when().post("/v1/interactions").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("dealId"));
        admin(tenant).body(Bodies.interaction().type("email").direction("sideways").occurredAt("2026-03-02T10:00:00Z").build())
                .when().post("/v1/interactions").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("direction"));
        admin(tenant).body(Bodies.interaction().type("email").direction("inbound").build())
                .when().post("/v1/interactions").then().spec(Problems.problem(400)).body("errors[0].field", equalTo("occurredAt"));
        admin(tenant).body(Map.of("items", List.of())).when().post("/v1/interactions/batch").then().spec(Problems.problem(400));
        admin(tenant).when().get("/v1/interactions/{id}", foreignCompany).then().spec(Problems.problem(404));
        admin(tenant).when().get("/v1/interactions").then().body("data", hasSize(0)).body("next", nullValue());
    }

    @Test
    void concurrentBatchesOverTheSameContactsInOppositeOrdersAllLand() throws Exception {
        List<String> contacts = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            contacts.add(Seed.contact(tenant, Bodies.contact().email("c" + i + "@acme.es").build()));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
                for (int side = 0; side < 2; side++) {
                    List<String> order = new java.util.ArrayList<>(contacts);
                    if (side == 1) {
                        java.util.Collections.reverse(order);
                    }
                    List<Map<String, Object>> items = new java.util.ArrayList<>();
                    for (int i = 0; i < order.size(); i++) {
                        items.add(email("r" + round + "s" + side + "i" + i, "inbound",
                                "2026-03-0" + (round + 1) + "T10:00:" + String.format("%02d", i) + "Z", "x", order.get(i)));
                    }
                    Map<String, Object> body = Map.of("items", items);
                    sent.add(pool.submit(() -> {
                        var answer = admin(tenant).body(body).when().post("/v1/interactions/batch").then().statusCode(200).extract();
                        List<String> statuses = answer.path("results.status");
                        assertEquals(java.util.Collections.nCopies(30, "created"), statuses, "every item of the batch landed: " + answer.asString());
                        return statuses.size();
                    }));
                }
                for (java.util.concurrent.Future<Integer> f : sent) {
                    assertEquals(30, f.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (String contact : contacts) {
            admin(tenant).when().get("/v1/contacts/{id}/timeline", contact).then().body("data", hasSize(6));
        }
        admin(tenant).when().get("/v1/contacts/{id}", contacts.getFirst()).then()
                .body("lastInboundAt", equalTo("2026-03-03T10:00:29Z"));
    }
}
