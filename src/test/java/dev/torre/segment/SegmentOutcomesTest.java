package dev.torre.segment;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Segments on what happens to a contact outside its own record: a delivery partner's outcome on its messages
 * (bounced), its consent for purposes other than marketing, what it bought; and the refusal of a filter on a score
 * computed from a field the caller's role may not see.
 */
@QuarkusTest
class SegmentOutcomesTest {

    private final String tenant = newTenant();

    @Inject
    SegmentWorker worker;

    private void pass() {
        while (worker.catchUp(tenant) > 0) {
            // until the worker has read everything written so far
        }
    }

    private List<String> members(String segment) {
        return admin(tenant).when().get("/v1/segments/{id}/members", segment).then().statusCode(200).extract().path("data.id");
    }

    @Test
    void aBounceReportedByThePartnerPutsTheContactInASegmentUntilALaterMessageIsDelivered() {
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").build());
        String ben = Seed.contact(tenant, Bodies.contact().firstName("Ben").email("ben@acme.es").build());
        String first = message(ana, "2026-03-01T10:00:00Z");
        message(ben, "2026-03-01T10:00:00Z");
        String bounced = SegmentMembershipTest.segment(tenant, "contact", "lastMessageStatus eq \"bounced\"");
        assertEquals(List.of(), members(bounced));

        report(first, "bounced");
        pass();
        assertEquals(List.of(ana), members(bounced), "the partner's report moved her in, with no write to the contact");
        admin(tenant).queryParam("filter", "lastMessageStatus eq \"bounced\"").when().get("/v1/contacts").then().statusCode(200)
                .body("data.id", equalTo(List.of(ana)));

        String second = message(ana, "2026-03-02T10:00:00Z");
        report(second, "delivered");
        pass();
        assertEquals(List.of(), members(bounced), "a later message that arrived takes her out");
    }

    @Test
    void segmentsFilterOnConsentForOtherPurposesAndOnPurchases() {
        String sms = Seed.contact(tenant, Bodies.contact().firstName("Sam").phone("+34600000001").build());
        String printer = Seed.contact(tenant, Bodies.contact().firstName("Pia").email("pia@acme.es").build());
        String pending = Seed.contact(tenant, Bodies.contact().firstName("Pep").email("pep@acme.es").build());
        product("PRN-1", "Printers");
        product("INK-1", "ink");
        order(printer, "PRN-1", "paid");
        order(pending, "PRN-1", "pending");
        String service = SegmentMembershipTest.segment(tenant, "contact", "consent.service_notifications.sms eq \"granted\"");
        String printers = SegmentMembershipTest.segment(tenant, "contact", "purchases.category eq \"printers\"");
        String noInk = SegmentMembershipTest.segment(tenant, "contact",
                "purchases.category eq \"printers\" and not (purchases.sku eq \"INK-1\")");
        assertEquals(List.of(), members(service));
        assertEquals(List.of(printer), members(printers), "a paid order is a purchase (category compared without case); a pending one is not");
        assertEquals(List.of(printer), members(noInk));

        admin(tenant).body(Map.of("purpose", "service_notifications", "channel", "sms", "status", "granted", "lawfulBasis", "contract",
                "source", "web_form", "proof", Map.of("wordingVersion", "sms-2030"))).when().post("/v1/contacts/{id}/consents", sms)
                .then().statusCode(201);
        order(printer, "INK-1", "paid");
        pass();
        assertEquals(List.of(sms), members(service));
        assertEquals(List.of(), members(noInk), "her ink order took her out");
        assertEquals(List.of(printer), members(printers));
    }

    @Test
    void aFilterOnALeadScoreComputedFromAFieldHiddenFromTheRoleIsRefused() {
        String marketing = Tokens.of(tenant, "marketing", null);
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of()))
                .when().put("/v1/access-policy/marketing/contact").then().statusCode(200);
        Map<String, Object> body = Map.of("name", "Hot", "objectType", "contact", "filter", "leadScore ge 60");
        as(marketing).body(body).when().post("/v1/segments").then().statusCode(201);
        // a default scoring rule reads the contact's email: hidden from marketing, the score would give it away
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("email")))
                .when().put("/v1/access-policy/marketing/contact").then().statusCode(200);
        as(marketing).body(Map.of("name", "Hot again", "objectType", "contact", "filter", "leadScore ge 60")).when().post("/v1/segments")
                .then().statusCode(400).body("errors[0].field", equalTo("filter")).body("errors[0].code", equalTo("derived_from_hidden_field"));
        assertEquals(1, admin(tenant).when().get("/v1/segments").then().extract().jsonPath().getList("data").size(), "nothing was created");
        admin(tenant).body(Map.of("name", "Hot for admins", "objectType", "contact", "filter", "leadScore ge 60")).when().post("/v1/segments")
                .then().statusCode(201);
    }

    /** An outbound email as Torre queues it for the partner, reported sent. */
    private String message(String contact, String at) {
        return admin(tenant).body(Map.of("type", "email", "direction", "outbound", "occurredAt", at, "contactId", contact,
                "purpose", "service_notifications", "consentOverrideReason", "test", "status", "sent"))
                .when().post("/v1/interactions").then().statusCode(201).extract().path("id");
    }

    private void report(String interaction, String status) {
        admin(tenant).contentType("application/merge-patch+json").body(Map.of("status", status))
                .when().patch("/v1/interactions/{id}", interaction).then().statusCode(200);
    }

    private void product(String sku, String category) {
        admin(tenant).body(Map.of("sku", sku, "name", sku, "price", "10", "currency", "EUR", "category", category))
                .when().post("/v1/products").then().statusCode(201);
    }

    private void order(String contact, String sku, String status) {
        admin(tenant).body(Map.of("contactId", contact, "status", status, "currency", "EUR", "placedAt", "2026-01-01T10:00:00Z",
                "lines", List.of(Map.of("sku", sku, "quantity", 1, "unitPrice", "10")))).when().post("/v1/orders").then().statusCode(201);
    }
}
