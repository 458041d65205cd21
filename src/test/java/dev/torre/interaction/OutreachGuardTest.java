package dev.torre.interaction;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.platform.outreach.OutreachGuard;
import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** Outbound interactions ask every outreach guard first, with purpose, channel and override reason; updates never count twice on a ticket. */
@QuarkusTest
class OutreachGuardTest {

    private final String tenant = newTenant();

    @Inject
    RefusingGuard guard;

    private Bodies.Interaction outbound(String type, String contact) {
        return Bodies.interaction().type(type).direction("outbound").occurredAt("2026-03-02T10:00:00Z").purpose(RefusingGuard.PURPOSE)
                .contactId(contact);
    }

    @Test
    void aRefusedOutreachIsNotRecordedAndAnOverrideGoesThrough() {
        String contact = Seed.contact(tenant, "Ana", "Soler");
        guard.seen().clear();
        guard.refuse(contact);
        admin(tenant).body(outbound("whatsapp", contact).build()).when().post("/v1/interactions").then().spec(Problems.problem(403));
        admin(tenant).body(outbound("call", contact).consentOverrideReason("legal notice").build()).when().post("/v1/interactions")
                .then().statusCode(201);
        admin(tenant).body(outbound("note", contact).build()).when().post("/v1/interactions").then().statusCode(201);
        assertEquals(2, guard.seen().size(), "notes reach nobody, so no guard is asked");
        assertEquals(new OutreachGuard.Outreach(java.util.UUID.fromString(contact), RefusingGuard.PURPOSE, "whatsapp", null), guard.seen().get(0));
        assertEquals("phone", guard.seen().get(1).channel());
        assertEquals("legal notice", guard.seen().get(1).overrideReason());

        admin(tenant).body(Map.of("items", List.of(outbound("sms", contact).build(), outbound("email", contact).consentOverrideReason("x").build())))
                .when().post("/v1/interactions/batch").then().statusCode(200).body("results.status", contains("error", "created"))
                .body("results[0].error.status", equalTo(403));
        admin(tenant).when().get("/v1/contacts/{id}/timeline", contact).then().body("data", hasSize(3));
    }

    @Test
    void changingAnInteractionDoesNotCountItTwiceOnItsTicket() {
        String ticket = admin(tenant).body(Bodies.ticket().subject("Help").openedAt("2026-03-01T00:00:00Z").build()).when().post("/v1/tickets").then()
                .statusCode(201).extract().path("id");
        String reply = admin(tenant).body(Bodies.interaction().type("email").direction("outbound").occurredAt("2026-03-02T10:00:00Z")
                .ticketId(ticket).build())
                .when().post("/v1/interactions").then().statusCode(201).extract().path("id");
        admin(tenant).body(Bodies.interaction().subject("Re: Help").build()).when().patch("/v1/interactions/{id}", reply).then().statusCode(200);
        admin(tenant).body(Bodies.ticket().status("resolved").build()).when().patch("/v1/tickets/{id}", ticket).then().statusCode(200);
        admin(tenant).queryParam("from", "2026-03-01").when().get("/v1/analytics/service").then()
                .body("totals.firstContactResolutionRate", equalTo(1));
    }
}
