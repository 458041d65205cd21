package dev.torre.interaction;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/** A contact's last-interaction marks follow corrections: a moved or redated interaction takes its marks with it, and 2099 is refused. */
@QuarkusTest
class InteractionMarksTest {

    private final String tenant = newTenant();

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String record(String direction, String at, String contact) {
        return admin(tenant).body(Bodies.interaction().type("call").direction(direction).occurredAt(at).contactId(contact)
                .purpose("service_notifications").build()).when().post("/v1/interactions").then().statusCode(201).extract().path("id");
    }

    @Test
    void movingAnInteractionToAnotherContactMovesTheOldContactsMarksBack() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        String bea = Seed.contact(tenant, "Bea", "Roca");
        record("inbound", "2026-03-01T10:00:00Z", ana);
        String misfiled = record("inbound", "2026-03-05T10:00:00Z", ana);

        admin(tenant).body(Bodies.interaction().contactId(bea).build()).when().patch("/v1/interactions/{id}", misfiled).then().statusCode(200);
        admin(tenant).when().get("/v1/contacts/{id}", ana).then()
                .body("lastInteractionAt", equalTo("2026-03-01T10:00:00Z")).body("lastInboundAt", equalTo("2026-03-01T10:00:00Z"));
        admin(tenant).when().get("/v1/contacts/{id}", bea).then()
                .body("lastInteractionAt", equalTo("2026-03-05T10:00:00Z")).body("lastInboundAt", equalTo("2026-03-05T10:00:00Z"));
    }

    @Test
    void redatingAnInteractionEarlierMovesTheMarksBack() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        record("outbound", "2026-03-01T10:00:00Z", ana);
        String mistyped = record("inbound", "2026-03-09T10:00:00Z", ana);

        admin(tenant).body(Bodies.interaction().occurredAt("2026-02-09T10:00:00Z").build())
                .when().patch("/v1/interactions/{id}", mistyped).then().statusCode(200);
        admin(tenant).when().get("/v1/contacts/{id}", ana).then()
                .body("lastInteractionAt", equalTo("2026-03-01T10:00:00Z")).body("lastInboundAt", equalTo("2026-02-09T10:00:00Z"));

        admin(tenant).body(Bodies.interaction().direction("outbound").build()).when().patch("/v1/interactions/{id}", mistyped).then().statusCode(200);
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("lastInboundAt", nullValue());
    }

    @Test
    void aFutureDatedInteractionStoredBeforeTheRuleCanStillBeEditedAndCorrected() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        TestTime.set("2099-01-01T00:00:00Z"); // as a caller could date it before the rule
        String pinned = record("inbound", "2099-01-01T00:00:00Z", ana);
        TestTime.reset();
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("lastInteractionAt", equalTo("2099-01-01T00:00:00Z"));

        admin(tenant).body(Bodies.interaction().subject("Call").build()).when().patch("/v1/interactions/{id}", pinned).then().statusCode(200);
        admin(tenant).body(Bodies.interaction().occurredAt("2026-03-01T10:00:00Z").build())
                .when().patch("/v1/interactions/{id}", pinned).then().statusCode(200);
        admin(tenant).when().get("/v1/contacts/{id}", ana).then()
                .body("lastInteractionAt", equalTo("2026-03-01T10:00:00Z")).body("lastInboundAt", equalTo("2026-03-01T10:00:00Z"));
    }

    @Test
    void anInteractionInTheFarFutureIsRefusedAndPinsNothing() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        admin(tenant).body(Bodies.interaction().type("call").direction("inbound").occurredAt("2099-01-01T00:00:00Z").contactId(ana).build())
                .when().post("/v1/interactions").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("occurredAt")).body("errors[0].code", equalTo("in_future"));
        String id = record("inbound", "2026-03-01T10:00:00Z", ana);
        admin(tenant).body(Bodies.interaction().occurredAt("2099-01-01T00:00:00Z").build()).when().patch("/v1/interactions/{id}", id).then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("occurredAt"));
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("lastInteractionAt", equalTo("2026-03-01T10:00:00Z"));
    }
}
