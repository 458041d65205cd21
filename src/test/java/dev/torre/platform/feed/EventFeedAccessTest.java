package dev.torre.platform.feed;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

/**
 * The change feed shows a caller only what it could read record by record: events of the object types its
 * roles and its token's scopes allow, with every field it may not see left out at whatever depth it sits.
 */
@QuarkusTest
class EventFeedAccessTest {

    private final String tenant = newTenant();

    private String token(String role, String scope) {
        var claims = Jwt.issuer("torre-dev").subject("feed-" + role).groups(Set.of(role)).claim("tid", tenant);
        if (scope != null) {
            claims.claim("scope", scope);
        }
        return Tokens.sign(claims);
    }

    private JsonPath feed(String token) {
        return as(token).queryParam("limit", 1000).when().get("/v1/events").then().statusCode(200).extract().jsonPath();
    }

    private void hide(String role, String type, List<String> fields) {
        admin(tenant).body(Map.of("read", true, "write", false, "hiddenFields", fields))
                .when().put("/v1/access-policy/{role}/{type}", role, type).then().statusCode(200);
    }

    /** A contact, a company, a deal moved to lost, a ticket and an order: one event type each at least. */
    private String mixedWrites() {
        String contact = Seed.contact(tenant, Bodies.contact().firstName("Ana").source("google", null, null).properties(Map.of("plan", "pro")));
        Seed.company(tenant, Bodies.company().name("Acme"));
        String deal = admin(tenant).body(Bodies.deal().amount("900", "EUR").name("Renewal").build()).when().post("/v1/deals")
                .then().statusCode(201).extract().path("id");
        JsonPath pipeline = admin(tenant).when().get("/v1/pipelines").then().statusCode(200).extract().jsonPath();
        String lost = pipeline.getString("data[0].stages.find { it.name == 'Lost' }.id");
        admin(tenant).body(Map.of("stageId", lost, "lostReason", "Rival offered 40% off")).when().patch("/v1/deals/{id}", deal)
                .then().statusCode(200);
        admin(tenant).body(Bodies.ticket().subject("Broken").contactId(contact).build()).when().post("/v1/tickets").then().statusCode(201);
        return contact;
    }

    @Test
    void aTokenNarrowedToContactsReceivesOnlyContactEvents() {
        mixedWrites();
        Set<String> all = Set.copyOf(feed(Tokens.admin(tenant)).getList("data.entityType"));
        assertTrue(all.containsAll(Set.of("contact", "company", "deal", "ticket")), "the setting writes every type: " + all);

        List<String> narrowed = feed(token("readonly", "events:read contacts:read")).getList("data.entityType");
        assertFalse(narrowed.isEmpty());
        assertEquals(Set.of("contact"), Set.copyOf(narrowed));
        // the admin's own token, narrowed the same way, is narrowed too
        assertEquals(Set.of("contact"), Set.copyOf(feed(token("admin", "events:read contacts:read")).getList("data.entityType")));
        // and a type filter cannot widen it
        as(token("readonly", "events:read contacts:read")).queryParam("types", "deal.*,ticket.*,company.*").when().get("/v1/events")
                .then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void eventsOfPlatformSettingsNeedTheirOwnScope() {
        hide("marketing", "deal", List.of("amount"));
        admin(tenant).body(Map.of("perHour", 100000, "perHourOutsideWorkingHours", 100000, "workingDays", List.of("mon"),
                "workStart", "08:00", "workEnd", "20:00", "timeZone", "Europe/Madrid"))
                .when().put("/v1/security/bulk-read-policy").then().statusCode(200);

        Set<String> seen = Set.copyOf(feed(token("readonly", null)).getList("data.entityType"));
        assertFalse(seen.contains("access_policy"), "the access policy's changes are for its admins: " + seen);
        assertFalse(seen.contains("bulk_read_policy"), "the security settings' changes are for its admins: " + seen);
        assertEquals(Set.of("access_policy", "bulk_read_policy"), Set.copyOf(feed(Tokens.admin(tenant)).getList("data.entityType")));
    }

    @Test
    void changesUnderAHiddenParentAreLeftOut() {
        String contact = mixedWrites();
        admin(tenant).body(Bodies.contact().source(null, null, "spring").properties(Map.of("plan", "basic")).lastName("Ruiz").build())
                .when().patch("/v1/contacts/{id}", contact).then().statusCode(200);
        hide("readonly", "contact", List.of("source", "properties"));

        JsonPath events = feed(token("readonly", null));
        Map<String, Object> created = events.getMap("data.find { it.type == 'contact.created' }.payload.data");
        Map<String, Object> changes = events.getMap("data.find { it.type == 'contact.updated' }.payload.changes");
        assertTrue(created.containsKey("firstName") && !created.containsKey("source") && !created.containsKey("properties"),
                "created: " + created);
        assertEquals(Set.of("lastName"), changes.keySet(), "updated: " + changes);
        // the admin still sees them all
        assertEquals(Set.of("lastName", "source.utmCampaign", "properties.plan"), feed(Tokens.admin(tenant))
                .getMap("data.find { it.type == 'contact.updated' }.payload.changes").keySet());
    }

    @Test
    void aHiddenFieldIsLeftOutOfEveryPartOfThePayload() {
        mixedWrites();
        hide("readonly", "deal", List.of("lostReason", "amount"));

        String everything = as(token("readonly", null)).queryParam("limit", 1000).when().get("/v1/events").then().statusCode(200)
                .extract().asString();
        assertFalse(everything.contains("Rival offered"), "the lost reason reached the feed: " + everything);
        assertFalse(everything.contains("\"amount\""), "the amount reached the feed: " + everything);
        assertTrue(feed(Tokens.admin(tenant)).getList("data.payload.lostReason").contains("Rival offered 40% off"));
    }

    @Test
    void aSensitivePropertyIsLeftOutForRolesThatMayNotReadIt() {
        admin(tenant).body(Map.of("objectType", "contact", "name", "taxId", "type", "string", "sensitive", true,
                "readableBy", List.of("finance"))).when().post("/v1/property-definitions").then().statusCode(201);
        String id = Seed.contact(tenant, Bodies.contact().firstName("Ana").properties(Map.of("taxId", "X1234567Z", "plan", "pro")));
        admin(tenant).body(Bodies.contact().properties(Map.of("taxId", "Y7654321Z", "plan", "max")).build()).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200);

        JsonPath events = feed(token("readonly", null));
        assertEquals(Set.of("plan"), events.getMap("data.find { it.type == 'contact.created' }.payload.data.properties").keySet());
        assertEquals(Set.of("properties.plan"), events.getMap("data.find { it.type == 'contact.updated' }.payload.changes").keySet());
    }

    @Test
    void feedPagesCountTowardTheBulkReadGuard() {
        for (int i = 0; i < 4; i++) {
            Seed.contact(tenant, "Ana" + i, "Lee");
        }
        admin(tenant).body(Map.of("perHour", 3, "perHourOutsideWorkingHours", 3, "workingDays", List.of(),
                "workStart", "08:00", "workEnd", "20:00", "timeZone", "Europe/Madrid"))
                .when().put("/v1/security/bulk-read-policy").then().statusCode(200);
        String reader = token("readonly", null);

        // four events pass the threshold of three: answered, and the reader is blocked from then on
        as(reader).when().get("/v1/events").then().statusCode(200).body("data", hasSize(4));
        as(reader).when().get("/v1/events").then().spec(problem(429)).body("type", equalTo("/problems/bulk-read-blocked"));
        as(Tokens.of(tenant, "legal", null)).queryParam("actor", "feed-readonly").queryParam("entityType", "event")
                .when().get("/v1/audit").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].kind", equalTo("bulk_read")).body("data[0].recordCount", equalTo(4));
    }
}
