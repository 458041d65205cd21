package dev.torre.consent;

import static dev.torre.consent.ConsentLedgerTest.decision;
import static dev.torre.consent.ConsentLedgerTest.record;
import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Consent never fails open: an outbound message whose purpose is unknown or missing is refused,
 * not waved through; the person's latest action wins over a decision dated a little ahead; and
 * what a portal user may append to the ledger is bounded.
 */
@QuarkusTest
class ConsentFailsClosedTest {

    private final String tenant = newTenant();
    private String contact;

    @BeforeEach
    void aContact() {
        contact = Seed.contact(tenant, Bodies.contact().firstName("Nerea").email("nerea@example.org").build());
    }

    /** An outbound message to the contact, with no purpose yet. */
    private Bodies.Interaction outbound(String type) {
        return Bodies.interaction().type(type).direction("outbound").occurredAt("2026-03-02T10:00:00Z").subject("Hola").contactId(contact);
    }

    @Test
    void anUnknownOrMissingPurposeIsRefusedNotUnchecked() {
        for (String purpose : List.of("Marketing", "marketting", "MARKETING", "marketing ads", "newsletter", "")) {
            admin(tenant).body(outbound("email").purpose(purpose).build()).when().post("/v1/interactions").then()
                    .spec(problem(400)).body("errors[0].field", equalTo("purpose"));
        }
        for (String type : List.of("email", "sms", "whatsapp", "call")) {
            admin(tenant).body(outbound(type).build()).when().post("/v1/interactions").then().spec(problem(400))
                    .body("errors[0].field", equalTo("purpose")).body("errors[0].code", equalTo("required"));
        }
        admin(tenant).body(Map.of("items", List.of(outbound("sms").purpose("Marketing").build(), outbound("note").build())))
                .when().post("/v1/interactions/batch").then().statusCode(200).body("results.status", contains("error", "created"))
                .body("results[0].error.status", equalTo(400)).body("results[0].error.errors[0].field", equalTo("purpose"));
        // a message that reaches nobody needs no purpose; a known purpose is checked as ever
        admin(tenant).when().get("/v1/contacts/{id}/timeline", contact).then().body("data", hasSize(1));
        admin(tenant).body(outbound("email").purpose("marketing").build()).when().post("/v1/interactions").then().spec(problem(409));
        admin(tenant).body(outbound("email").purpose("service_notifications").build()).when().post("/v1/interactions").then()
                .statusCode(201);
    }

    @Test
    void theLatestActionWinsOverAGrantDatedAFewMinutesAhead() {
        Map<String, Object> grant = decision("marketing", "email", "granted");
        grant.put("occurredAt", Instant.now().plus(4, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
        record(tenant, contact, grant);
        String token = admin(tenant).when().post("/v1/contacts/" + contact + "/portal-tokens").then().statusCode(201)
                .extract().path("token");

        as(token).body(List.of(Map.of("purpose", "marketing", "channel", "email", "status", "withdrawn"))).when()
                .post("/v1/me/preferences").then().statusCode(200)
                .body("data.find { it.purpose == 'marketing' && it.channel == 'email' }.status", equalTo("withdrawn"));

        admin(tenant).queryParam("purpose", "marketing").queryParam("channel", "email").when()
                .get("/v1/contacts/" + contact + "/contactability").then().statusCode(200).body("allowed", equalTo(false))
                .body("reason", equalTo("withdrawn"));
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents").then()
                .body("data.find { it.purpose == 'marketing' }.status", equalTo("withdrawn"));
        admin(tenant).queryParam("filter", "consent.marketing.email eq \"withdrawn\"").when().get("/v1/contacts").then()
                .body("data", hasSize(1));
        admin(tenant).body(outbound("email").purpose("marketing").build()).when().post("/v1/interactions").then().spec(problem(409))
                .body("errors[0].code", equalTo("withdrawn"));
        // the grant keeps the time it was given, as its proof
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/history").then().body("data", hasSize(2))
                .body("data.find { it.status == 'granted' }.occurredAt", equalTo(grant.get("occurredAt")));
    }

    @Test
    void whatAPortalUserMayAppendIsBounded() {
        String token = admin(tenant).when().post("/v1/contacts/" + contact + "/portal-tokens").then().statusCode(201)
                .extract().path("token");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Map.of("purpose", "analytics", "channel", "all", "status", i % 2 == 0 ? "denied" : "withdrawn"));
        }
        as(token).body(many).when().post("/v1/me/preferences").then().spec(problem(400));
        as(token).body(List.of(Map.of("purpose", "analytics", "channel", "all", "status", "denied"),
                Map.of("purpose", "analytics", "channel", "all", "status", "withdrawn"))).when().post("/v1/me/preferences").then()
                .spec(problem(400));
        as(token).body(List.of(Map.of("purpose", "analytics", "channel", "all", "status", "granted", "wording", "x".repeat(10_000))))
                .when().post("/v1/me/preferences").then().spec(problem(400)).body("errors[0].field", notNullValue());
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/history").then().body("data", hasSize(0));

        // a rate per contact: after a day's worth of decisions, the next ones wait
        int accepted = 0;
        int status = 200;
        while (status == 200 && accepted < 200) {
            status = as(token).body(List.of(Map.of("purpose", "analytics", "channel", "all", "status", accepted % 2 == 0 ? "denied" : "withdrawn")))
                    .when().post("/v1/me/preferences").then().extract().statusCode();
            accepted += status == 200 ? 1 : 0;
        }
        as(token).body(List.of(Map.of("purpose", "analytics", "channel", "all", "status", "denied"))).when().post("/v1/me/preferences")
                .then().spec(problem(429)).header("Retry-After", notNullValue());
        org.junit.jupiter.api.Assertions.assertTrue(accepted >= 20 && accepted < 200, "a bounded number of decisions a day: " + accepted);
    }
}
