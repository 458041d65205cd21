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
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Whether contacts may be reached: one or a thousand at a time, decided by their ledger or the tenant's policy. */
@QuarkusTest
class ContactabilityTest {

    @Inject
    SessionFactory sessions;

    private final String tenant = newTenant();
    private String contact;

    @BeforeEach
    void aContact() {
        contact = Seed.contact(tenant, "Marta", "Gil");
    }

    private io.restassured.response.ValidatableResponse ask(String purpose, String channel) {
        return admin(tenant).queryParam("purpose", purpose).queryParam("channel", channel)
                .when().get("/v1/contacts/" + contact + "/contactability").then();
    }

    @Test
    void withoutADecisionTheTenantPolicyDecides() {
        ask("marketing", "email").statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("no_decision"))
                .body("basis", nullValue());
        ask("service_notifications", "email").statusCode(200).body("allowed", equalTo(true))
                .body("reason", equalTo("no_decision")).body("basis", equalTo("contract"));

        admin(tenant).body(Map.of("allowedWithoutDecision", true, "basis", "legitimate_interest"))
                .when().put("/v1/consent-policy/marketing").then().statusCode(200);
        ask("marketing", "email").body("allowed", equalTo(true)).body("basis", equalTo("legitimate_interest"));
        admin(tenant).when().get("/v1/consent-policy").then().statusCode(200)
                .body("data.find { it.purpose == 'marketing' }.allowedWithoutDecision", equalTo(true))
                .body("data.find { it.purpose == 'analytics' }.allowedWithoutDecision", equalTo(false));
        ask("marketing", "email").body("allowed", equalTo(true));
        // another tenant keeps the defaults
        String other = newTenant();
        String theirs = Seed.contact(other, "Otra", "Persona");
        admin(other).queryParam("purpose", "marketing").queryParam("channel", "email")
                .when().get("/v1/contacts/" + theirs + "/contactability").then().body("allowed", equalTo(false));
    }

    @Test
    void aGrantAllowsAndAWithdrawalTakesEffectAtOnce() {
        record(tenant, contact, decision("marketing", "email", "granted"));
        ask("marketing", "email").body("allowed", equalTo(true)).body("reason", equalTo("granted"))
                .body("basis", equalTo("consent")).body("since", notNullValue()).body("decidedOn", equalTo("email"));
        ask("marketing", "sms").body("allowed", equalTo(false));
        record(tenant, contact, decision("marketing", "all", "withdrawn"));
        ask("marketing", "email").body("allowed", equalTo(false)).body("reason", equalTo("withdrawn"))
                .body("decidedOn", equalTo("all"));
    }

    @Test
    void anExpiredGrantNoLongerAllows() {
        Map<String, Object> grant = decision("marketing", "email", "granted");
        grant.put("occurredAt", Instant.now().minus(10, ChronoUnit.DAYS).toString());
        grant.put("expiresAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        record(tenant, contact, grant);
        ask("marketing", "email").body("allowed", equalTo(false)).body("reason", equalTo("expired"));
    }

    @Test
    void aThousandContactsAreAnsweredInOneQueryInTheOrderAsked() {
        record(tenant, contact, decision("marketing", "email", "granted"));
        List<String> ids = new ArrayList<>();
        ids.add(contact);
        for (int i = 0; i < 998; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        String foreign = Seed.contact(newTenant(), "Ajeno", "Total");
        ids.add(foreign);
        Statistics stats = sessions.getStatistics();
        long before = stats.getPrepareStatementCount();
        admin(tenant).body(Map.of("contactIds", ids, "purpose", "marketing", "channel", "email"))
                .when().post("/v1/contactability").then().statusCode(200)
                .body("data", hasSize(1000))
                .body("data[0].allowed", equalTo(true))
                .body("data[1].reason", equalTo("unknown_contact"))
                .body("data[999].contactId", equalTo(foreign))
                .body("data[999].reason", equalTo("unknown_contact"));
        long statements = stats.getPrepareStatementCount() - before;
        assertTrue(statements >= 1 && statements <= 2, "one query for a thousand contacts, not " + statements);
    }

    @Test
    void badQuestionsAreRefused() {
        ask("spam", "email").spec(problem(400)).body("errors[0].field", equalTo("purpose"));
        ask("marketing", "all").spec(problem(400)).body("errors[0].field", equalTo("channel"));
        ask("marketing", null).spec(problem(400)).body("errors[0].field", equalTo("channel"));
        admin(tenant).queryParam("purpose", "marketing").queryParam("channel", "email")
                .when().get("/v1/contacts/" + UUID.randomUUID() + "/contactability").then().spec(problem(404));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        admin(tenant).body(Map.of("contactIds", tooMany, "purpose", "marketing", "channel", "email"))
                .when().post("/v1/contactability").then().spec(problem(400));
        admin(tenant).body(Map.of("contactIds", List.of(), "purpose", "marketing", "channel", "email"))
                .when().post("/v1/contactability").then().spec(problem(400));
        admin(tenant).body(Map.of("contactIds", List.of("not-a-uuid"), "purpose", "marketing", "channel", "email"))
                .when().post("/v1/contactability").then().spec(problem(400));
        admin(tenant).body(Map.of("allowedWithoutDecision", true)).when().put("/v1/consent-policy/marketing")
                .then().spec(problem(400)).body("errors[0].field", equalTo("basis"));
        admin(tenant).body(Map.of("allowedWithoutDecision", true, "basis", "whim")).when().put("/v1/consent-policy/marketing")
                .then().spec(problem(400)).body("errors[0].field", equalTo("basis"));
        admin(tenant).body(Map.of("allowedWithoutDecision", false)).when().put("/v1/consent-policy/spam")
                .then().spec(problem(400)).body("errors[0].field", equalTo("purpose"));
        as(Tokens.of(tenant, "marketing", null)).body(Map.of("allowedWithoutDecision", false))
                .when().put("/v1/consent-policy/marketing").then().spec(problem(403));
        admin(tenant).when().get("/v1/consent-policy").then()
                .body("data.find { it.purpose == 'marketing' }.allowedWithoutDecision", equalTo(false));
        admin(tenant).queryParam("types", "consent_policy.updated").when().get("/v1/events").then().body("data", hasSize(0));
    }

    @Test
    void consentsFilterTheContactList() {
        String other = Seed.contact(tenant, "Pablo", "Ruiz");
        String silent = Seed.contact(tenant, "Sara", "Nadie");
        record(tenant, contact, decision("marketing", "email", "granted"));
        record(tenant, other, decision("marketing", "all", "denied"));
        admin(tenant).queryParam("filter", "consent.marketing.email eq \"granted\"").when().get("/v1/contacts")
                .then().statusCode(200).body("data.id", contains(contact));
        admin(tenant).queryParam("filter", "consent.marketing.email eq \"denied\"").when().get("/v1/contacts")
                .then().statusCode(200).body("data.id", contains(other));
        admin(tenant).queryParam("filter", "consent.marketing.email eq null").when().get("/v1/contacts")
                .then().statusCode(200).body("data.id", contains(silent));
        admin(tenant).body(Map.of("filter", "consent.marketing.email ne \"granted\" and lastName eq \"Ruiz\""))
                .when().post("/v1/contacts/search").then().statusCode(200).body("data.id", contains(other));
        admin(tenant).queryParam("filter", "consent.marketing.email eq \"maybe\"").when().get("/v1/contacts")
                .then().spec(problem(400));
        admin(tenant).queryParam("filter", "consent.spam.email eq \"granted\"").when().get("/v1/contacts")
                .then().spec(problem(400));
    }
}
