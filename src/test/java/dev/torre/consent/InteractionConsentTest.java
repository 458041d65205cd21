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
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Consent enforced end to end: an outbound interaction recorded through the interactions API is
 * checked by the consent ledger (trust's outreach guard), one by one and in batches.
 */
@QuarkusTest
class InteractionConsentTest {

    private final String tenant = newTenant();
    private String contact;

    @BeforeEach
    void aContact() {
        contact = Seed.contact(tenant, "Iker", "Sanz");
    }

    /** A marketing e-mail to the contact. */
    private Bodies.Interaction email(String subject) {
        return Bodies.interaction().type("email").direction("outbound").occurredAt("2026-03-02T10:00:00Z").purpose("marketing")
                .subject(subject).contactId(contact);
    }

    private ValidatableResponse send(String token, Bodies.Interaction body) {
        return as(token).body(body.build()).when().post("/v1/interactions").then();
    }

    private ValidatableResponse timeline() {
        return admin(tenant).when().get("/v1/contacts/{id}/timeline", contact).then().statusCode(200);
    }

    private ValidatableResponse overrides() {
        return admin(tenant).queryParam("types", "consent.overridden").when().get("/v1/events").then().statusCode(200);
    }

    @Test
    void marketingEmailWithoutConsentIsRefusedAndNothingIsWritten() {
        int events = Seed.eventCount(tenant);
        send(Tokens.admin(tenant), email("Spring sale")).spec(problem(409))
                .body("type", equalTo("/problems/consent-missing"))
                .body("errors[0].field", equalTo("consent.marketing.email"))
                .body("errors[0].code", equalTo("no_decision"));
        timeline().body("data", hasSize(0));
        assertEquals(events, Seed.eventCount(tenant), "a refused message appends no event");
    }

    @Test
    void aReplyOnATicketThatNamesNoContactIsCheckedForTheContactWhoRaisedIt() {
        String ticket = admin(tenant).body(Bodies.ticket().subject("Printer jams").contactId(contact).build()).when().post("/v1/tickets")
                .then().statusCode(201).extract().path("id");
        Bodies.Interaction offer = Bodies.interaction().type("email").direction("outbound").occurredAt("2026-03-02T10:00:00Z")
                .purpose("marketing").subject("Upgrade offer").ticketId(ticket);
        send(Tokens.admin(tenant), offer).spec(problem(409))
                .body("type", equalTo("/problems/consent-missing"))
                .body("errors[0].field", equalTo("consent.marketing.email"));
        timeline().body("data", hasSize(0));

        record(tenant, contact, decision("marketing", "email", "granted"));
        send(Tokens.admin(tenant), offer).statusCode(201).body("contactId", equalTo(contact));
        timeline().body("data.subject", contains("Upgrade offer"));
    }

    @Test
    void aGrantedConsentLetsTheMessageThroughAndAWithdrawalStopsTheNextOne() {
        record(tenant, contact, decision("marketing", "email", "granted"));
        send(Tokens.admin(tenant), email("First")).statusCode(201);
        record(tenant, contact, decision("marketing", "email", "withdrawn"));
        send(Tokens.admin(tenant), email("Second")).spec(problem(409))
                .body("type", equalTo("/problems/consent-missing"))
                .body("errors[0].code", equalTo("withdrawn"));
        timeline().body("data.subject", contains("First"));
    }

    @Test
    void anAdminOverrideIsRecordedWithAnEventAndOtherRolesMayNotOverride() {
        send(Tokens.of(tenant, "marketing", null), email("Recall").consentOverrideReason("Product recall")).spec(problem(403));
        timeline().body("data", hasSize(0));
        overrides().body("data", hasSize(0));
        send(Tokens.admin(tenant), email("Recall").consentOverrideReason("Product recall")).statusCode(201);
        timeline().body("data.subject", contains("Recall"));
        overrides().body("data", hasSize(1))
                .body("data[0].payload.overrideReason", equalTo("Product recall"))
                .body("data[0].payload.refusedBecause", equalTo("no_decision"));
    }

    @Test
    void inABatchARefusedMessageIsAnItemErrorAndTheOthersAreWritten() {
        Map<String, Object> sms = Bodies.interaction().type("sms").direction("outbound").occurredAt("2026-03-02T11:00:00Z")
                .purpose("service_notifications").subject("Your order").contactId(contact).build();
        Map<String, Object> note = Bodies.interaction().type("note").direction("internal").occurredAt("2026-03-02T12:00:00Z")
                .subject("Called back").contactId(contact).build();
        admin(tenant).body(Map.of("items", List.of(sms, email("Spring sale").build(), note)))
                .when().post("/v1/interactions/batch").then().statusCode(200)
                .body("results.status", contains("created", "error", "created"))
                .body("results[1].error.status", equalTo(409))
                .body("results[1].error.type", equalTo("/problems/consent-missing"));
        timeline().body("data.subject", contains("Called back", "Your order"));
    }
}
