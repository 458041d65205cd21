package dev.torre.consent;

import static dev.torre.consent.ConsentLedgerTest.decision;
import static dev.torre.consent.ConsentLedgerTest.record;
import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.platform.outreach.OutreachGuard;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consent check on outbound messages, asked through the outreach-check call that runs the
 * same rule as the guard other capabilities call before recording an outbound interaction.
 */
@QuarkusTest
class OutreachGuardTest {

    @Inject
    Instance<OutreachGuard> guards;

    private final String tenant = newTenant();
    private String contact;

    @BeforeEach
    void aContact() {
        contact = Seed.contact(tenant, "Iker", "Sanz");
    }

    private io.restassured.response.ValidatableResponse send(String token, String purpose, String channel, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("purpose", purpose);
        body.put("channel", channel);
        if (reason != null) {
            body.put("overrideReason", reason);
        }
        return as(token).body(body).when().post("/v1/contacts/" + contact + "/outreach-checks").then();
    }

    @Test
    void theConsentGuardIsOneOfTheOutreachGuards() {
        assertTrue(guards.stream().anyMatch(g -> g instanceof ConsentOutreachGuard));
    }

    @Test
    void marketingWithoutConsentIsRefusedNamingTheMissingConsent() {
        send(Tokens.admin(tenant), "marketing", "email", null).spec(problem(409))
                .body("type", equalTo("/problems/consent-missing"))
                .body("errors[0].field", equalTo("consent.marketing.email"))
                .body("errors[0].code", equalTo("no_decision"));
        send(Tokens.admin(tenant), "service_notifications", "sms", null).statusCode(204);
    }

    @Test
    void aWithdrawalHoldsFromTheNextMessageOn() {
        record(tenant, contact, decision("marketing", "whatsapp", "granted"));
        send(Tokens.admin(tenant), "marketing", "whatsapp", null).statusCode(204);
        record(tenant, contact, decision("marketing", "whatsapp", "withdrawn"));
        send(Tokens.admin(tenant), "marketing", "whatsapp", null).spec(problem(409))
                .body("errors[0].code", equalTo("withdrawn"));
    }

    @Test
    void anAdminMayOverrideWithAReasonAndTheOverrideIsKept() {
        send(Tokens.of(tenant, "marketing", null), "marketing", "email", "Product recall").spec(problem(403))
                .body("errors[0].field", equalTo("overrideReason"));
        admin(tenant).queryParam("types", "consent.overridden").when().get("/v1/events").then().body("data", hasSize(0));
        send(Tokens.admin(tenant), "marketing", "email", "Product recall").statusCode(204);
        admin(tenant).queryParam("types", "consent.overridden").when().get("/v1/events").then()
                .body("data", hasSize(1))
                .body("data[0].payload.overrideReason", equalTo("Product recall"))
                .body("data[0].payload.refusedBecause", equalTo("no_decision"));
    }

    @Test
    void badChecksAreRefused() {
        send(Tokens.admin(tenant), "spam", "email", null).spec(problem(400)).body("errors[0].field", equalTo("purpose"));
        send(Tokens.admin(tenant), "marketing", "fax", null).spec(problem(400)).body("errors[0].field", equalTo("channel"));
        admin(tenant).body(Map.of("purpose", "marketing", "channel", "email"))
                .when().post("/v1/contacts/" + UUID.randomUUID() + "/outreach-checks").then().spec(problem(404));
        send(Tokens.of(tenant, "guest", null), "marketing", "email", null).spec(problem(403));
    }
}
