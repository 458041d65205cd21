package dev.torre.consent;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The consent ledger: append-only decisions with proof, the current state per purpose and channel, and the history. */
@QuarkusTest
class ConsentLedgerTest {

    private final String tenant = newTenant();
    private String contact;

    @BeforeEach
    void aContact() {
        contact = Seed.contact(tenant, "Lucía", "Pérez");
    }

    static Map<String, Object> decision(String purpose, String channel, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("purpose", purpose);
        body.put("channel", channel);
        body.put("status", status);
        body.put("lawfulBasis", "consent");
        body.put("source", "web_form");
        body.put("proof", Map.of("ip", "203.0.113.7", "userAgent", "Mozilla/5.0", "formUrl", "https://acme.es/newsletter",
                "wordingVersion", "newsletter-2024-05"));
        return body;
    }

    static String record(String tenant, String contact, Map<String, Object> body) {
        return admin(tenant).body(body).when().post("/v1/contacts/" + contact + "/consents")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aDecisionIsRecordedWithItsProof() {
        var created = admin(tenant).body(decision("marketing", "email", "granted")).when().post("/v1/contacts/" + contact + "/consents")
                .then().statusCode(201)
                .body("purpose", equalTo("marketing"))
                .body("status", equalTo("granted"))
                .body("effectiveStatus", equalTo("granted"))
                .body("proof.ip", equalTo("203.0.113.7"))
                .body("proof.wordingVersion", equalTo("newsletter-2024-05"))
                .body("recordedBy", equalTo("tester"))
                .extract();
        String id = created.path("id");
        org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith("/v1/contacts/" + contact + "/consents/" + id));
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/" + id)
                .then().statusCode(200).body("proof.formUrl", equalTo("https://acme.es/newsletter"));
        admin(tenant).queryParam("types", "consent.recorded").when().get("/v1/events")
                .then().statusCode(200).body("data.payload.purpose", contains("marketing"))
                .body("data[0].payload.proof", nullValue());
    }

    @Test
    void theCurrentStateIsTheLatestDecisionPerPurposeAndChannel() {
        Instant now = Instant.now();
        Map<String, Object> older = decision("marketing", "email", "granted");
        older.put("occurredAt", now.minus(2, ChronoUnit.DAYS).toString());
        record(tenant, contact, older);
        Map<String, Object> withdrawal = decision("marketing", "email", "withdrawn");
        withdrawal.put("occurredAt", now.minus(1, ChronoUnit.DAYS).toString());
        record(tenant, contact, withdrawal);
        // an import of an even older grant does not overturn the later withdrawal
        Map<String, Object> imported = decision("marketing", "email", "granted");
        imported.put("occurredAt", now.minus(30, ChronoUnit.DAYS).toString());
        imported.put("source", "import");
        record(tenant, contact, imported);
        record(tenant, contact, decision("analytics", "all", "granted"));

        admin(tenant).when().get("/v1/contacts/" + contact + "/consents").then().statusCode(200)
                .body("data", hasSize(2))
                .body("data.find { it.purpose == 'marketing' }.status", equalTo("withdrawn"))
                .body("data.find { it.purpose == 'analytics' }.channel", equalTo("all"));
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/history").then().statusCode(200)
                .body("data", hasSize(4))
                .body("data.status", contains("granted", "withdrawn", "granted", "granted"));
    }

    @Test
    void anExpiredGrantReadsAsExpired() {
        Map<String, Object> body = decision("profiling", "email", "granted");
        body.put("occurredAt", Instant.now().minus(400, ChronoUnit.DAYS).toString());
        body.put("expiresAt", Instant.now().minus(35, ChronoUnit.DAYS).toString());
        record(tenant, contact, body);
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents").then().statusCode(200)
                .body("data[0].status", equalTo("granted"))
                .body("data[0].effectiveStatus", equalTo("expired"))
                .body("data[0].expired", equalTo(true));
    }

    @Test
    void entriesCannotBeEditedOrDeleted() {
        String id = record(tenant, contact, decision("marketing", "sms", "granted"));
        String entry = "/v1/contacts/" + contact + "/consents/" + id;
        admin(tenant).body(Map.of("status", "denied")).when().put(entry).then().spec(problem(405));
        admin(tenant).body(Map.of("status", "denied")).when().patch(entry).then().spec(problem(405));
        admin(tenant).when().delete(entry).then().spec(problem(405));
        admin(tenant).body(List.of()).when().put("/v1/contacts/" + contact + "/consents").then().spec(problem(405));
        admin(tenant).when().delete("/v1/contacts/" + contact + "/consents").then().spec(problem(405));
        admin(tenant).when().get(entry).then().statusCode(200).body("status", equalTo("granted"));
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/history").then().body("data", hasSize(1));
    }

    @Test
    void badDecisionsAreRefusedPreciselyAndChangeNothing() {
        Map<String, Object> unknownPurpose = decision("spam", "email", "granted");
        admin(tenant).body(unknownPurpose).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("purpose"));
        admin(tenant).body(decision("marketing", "carrier_pigeon", "granted")).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("channel"));
        admin(tenant).body(decision("marketing", "email", "maybe")).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("status"));
        Map<String, Object> badBasis = decision("marketing", "email", "granted");
        badBasis.put("lawfulBasis", "because");
        admin(tenant).body(badBasis).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("lawfulBasis"));
        Map<String, Object> badSource = decision("marketing", "email", "granted");
        badSource.put("source", "rumour");
        admin(tenant).body(badSource).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("source"));
        Map<String, Object> future = decision("marketing", "email", "granted");
        future.put("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        admin(tenant).body(future).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("occurredAt"))
                .body("errors[0].code", equalTo("in_future"));
        Map<String, Object> backwards = decision("marketing", "email", "granted");
        backwards.put("occurredAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        backwards.put("expiresAt", Instant.now().minus(2, ChronoUnit.DAYS).toString());
        admin(tenant).body(backwards).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("expiresAt"));
        Map<String, Object> noWording = decision("marketing", "email", "granted");
        noWording.put("proof", Map.of("ip", "203.0.113.7"));
        admin(tenant).body(noWording).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("proof.wording"));
        Map<String, Object> badIp = decision("marketing", "email", "granted");
        badIp.put("proof", Map.of("ip", "localhost", "wordingVersion", "v1"));
        admin(tenant).body(badIp).when().post("/v1/contacts/" + contact + "/consents")
                .then().spec(problem(400)).body("errors[0].field", equalTo("proof.ip"));
        Map<String, Object> extra = decision("marketing", "email", "granted");
        extra.put("color", "blue");
        admin(tenant).body(extra).when().post("/v1/contacts/" + contact + "/consents").then().spec(problem(400));
        Map<String, Object> missing = decision("marketing", "email", "granted");
        missing.remove("lawfulBasis");
        admin(tenant).body(missing).when().post("/v1/contacts/" + contact + "/consents").then().spec(problem(400));

        admin(tenant).body(decision("marketing", "email", "granted")).when().post("/v1/contacts/" + UUID.randomUUID() + "/consents")
                .then().spec(problem(404));
        String otherTenantsContact = Seed.contact(newTenant(), "Otro", "Inquilino");
        admin(tenant).body(decision("marketing", "email", "granted")).when().post("/v1/contacts/" + otherTenantsContact + "/consents")
                .then().spec(problem(404));
        admin(tenant).when().get("/v1/contacts/" + otherTenantsContact + "/consents").then().spec(problem(404));

        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/history").then().body("data", hasSize(0));
        admin(tenant).queryParam("types", "consent.recorded").when().get("/v1/events").then().body("data", hasSize(0));
    }

    @Test
    void rolesDecideWhoRecordsAndWhoReads() {
        record(tenant, contact, decision("marketing", "email", "granted"));
        as(Tokens.of(tenant, "marketing", null)).body(decision("marketing", "sms", "denied"))
                .when().post("/v1/contacts/" + contact + "/consents").then().statusCode(201);
        as(Tokens.of(tenant, "sales", null)).when().get("/v1/contacts/" + contact + "/consents").then().statusCode(200)
                .body("data.channel", containsInAnyOrder("email", "sms"));
        as(Tokens.of(tenant, "sales", null)).body(decision("marketing", "sms", "granted"))
                .when().post("/v1/contacts/" + contact + "/consents").then().spec(problem(403));
        as(Tokens.readonly(tenant)).body(decision("marketing", "sms", "granted"))
                .when().post("/v1/contacts/" + contact + "/consents").then().spec(problem(403));
        admin(tenant).when().get("/v1/contacts/" + contact + "/consents/history").then().body("data", hasSize(2));
    }
}
