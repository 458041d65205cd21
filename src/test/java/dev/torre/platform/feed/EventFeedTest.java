package dev.torre.platform.feed;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.smallrye.jwt.build.Jwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** GET /v1/events: one event per write, in order, resumable, filterable, and private to the tenant. */
@QuarkusTest
class EventFeedTest {

    private final String tenant = newTenant();

    private JsonPath feed(String query) {
        return admin(tenant).when().get("/v1/events" + query).then().statusCode(200).extract().jsonPath();
    }

    /** A contact and a company, each created, changed, archived and restored: eight writes. */
    private String[] eightWrites() {
        String contact = Seed.contact(tenant, Bodies.contact().firstName("Ana").properties(Map.of("plan", "pro")));
        admin(tenant).body(Bodies.contact().lastName("Ruiz").properties(Map.of("plan", "basic")).build()).when().patch("/v1/contacts/{id}", contact)
                .then().statusCode(200);
        admin(tenant).when().delete("/v1/contacts/{id}", contact).then().statusCode(204);
        admin(tenant).when().post("/v1/contacts/{id}/restore", contact).then().statusCode(200);
        String company = Seed.company(tenant, Bodies.company().name("Acme"));
        admin(tenant).body(Bodies.company().tier("gold").build()).when().patch("/v1/companies/{id}", company).then().statusCode(200);
        admin(tenant).when().delete("/v1/companies/{id}", company).then().statusCode(204);
        admin(tenant).when().post("/v1/companies/{id}/restore", company).then().statusCode(200);
        return new String[] { contact, company };
    }

    @Test
    void everyWriteAppendsExactlyOneEventInOrder() {
        String[] ids = eightWrites();

        JsonPath events = feed("");
        assertEquals(List.of("contact.created", "contact.updated", "contact.archived", "contact.restored",
                "company.created", "company.updated", "company.archived", "company.restored"), events.getList("data.type"));
        assertEquals(List.of(ids[0], ids[0], ids[0], ids[0], ids[1], ids[1], ids[1], ids[1]), events.getList("data.entityId"));
        assertEquals(List.of("contact", "contact", "contact", "contact", "company", "company", "company", "company"),
                events.getList("data.entityType"));
    }

    @Test
    void aCreatedEventCarriesTheNewRecord() {
        Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ANA@acme.es"));

        admin(tenant).when().get("/v1/events")
                .then().statusCode(200)
                .body("data[0].type", equalTo("contact.created"))
                .body("data[0].payload.data.firstName", equalTo("Ana"))
                .body("data[0].payload.data.email", equalTo("ana@acme.es"))
                .body("data[0].occurredAt", notNullValue());
    }

    @Test
    void anUpdatedEventCarriesEachChangedFieldBeforeAndAfter() {
        String id = Seed.contact(tenant, Bodies.contact().firstName("Ana").lastName("Ruiz").properties(Map.of("plan", "pro", "seats", 5)));
        admin(tenant).body(Bodies.contact().lastName("Soler").properties(Map.of("plan", "basic")).build()).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200);

        admin(tenant).queryParam("types", "contact.updated").when().get("/v1/events")
                .then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].payload.changes.lastName.before", equalTo("Ruiz"))
                .body("data[0].payload.changes.lastName.after", equalTo("Soler"))
                .body("data[0].payload.changes.'properties.plan'.before", equalTo("pro"))
                .body("data[0].payload.changes.'properties.plan'.after", equalTo("basic"))
                .body("data[0].payload.changes.keySet()", containsInAnyOrder("lastName", "properties.plan"));
    }

    @Test
    void theActorIsTheTokensSubjectAndTheRequestIdTheOneEchoedToTheCaller() {
        Response created = admin(tenant).header("X-Request-Id", "checkout-7f3a").body(Bodies.contact().firstName("Ana").build())
                .when().post("/v1/contacts");
        created.then().statusCode(201).header("X-Request-Id", "checkout-7f3a");
        String agent = Tokens.sign(Jwt.issuer("torre-dev").subject("agent-7").groups(Set.of("admin")).claim("tid", tenant));
        Response patched = as(agent).body(Bodies.contact().lastName("Ruiz").build())
                .when().patch("/v1/contacts/{id}", created.path("id").toString());
        String generated = patched.then().statusCode(200).header("X-Request-Id", notNullValue()).extract().header("X-Request-Id");

        JsonPath events = feed("");
        assertEquals(List.of("checkout-7f3a", generated), events.getList("data.requestId"));
        assertEquals(List.of("tester", "agent-7"), events.getList("data.actor"), "each event names the subject of the token that wrote it");
    }

    @Test
    void anUnsafeRequestIdIsReplacedByOneTheServerMakes() {
        String echoed = admin(tenant).header("X-Request-Id", "has spaces; and <tags>").body(Bodies.contact().firstName("Ana").build())
                .when().post("/v1/contacts")
                .then().statusCode(201).header("X-Request-Id", not(equalTo("has spaces; and <tags>"))).extract().header("X-Request-Id");

        assertEquals(List.of(echoed), feed("").getList("data.requestId"));
    }

    @Test
    void changesToListsAndAttributionAreReportedByTheirPath() {
        String id = Seed.contact(tenant, Bodies.contact().firstName("Ana").tags("vip").source("google", null, null));
        admin(tenant).body(Bodies.contact().tags("vip", "newsletter").source(null, null, "spring").build())
                .when().patch("/v1/contacts/{id}", id).then().statusCode(200);

        admin(tenant).queryParam("types", "contact.updated").when().get("/v1/events")
                .then().statusCode(200)
                .body("data[0].payload.changes.tags.before", contains("vip"))
                .body("data[0].payload.changes.tags.after", contains("vip", "newsletter"))
                .body("data[0].payload.changes.'source.utmCampaign'.after", equalTo("spring"))
                .body("data[0].payload.changes.keySet()", containsInAnyOrder("tags", "source.utmCampaign"));
    }

    @Test
    void pagesResumeAfterTheCursorGivingEachEventOnceThenAnEmptyPageThatKeepsTheCursor() {
        eightWrites();
        List<String> all = feed("").getList("data.id");

        List<String> paged = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 4; page++) {
            JsonPath events = feed("?limit=3" + (after == null ? "" : "&after=" + after));
            paged.addAll(events.getList("data.id"));
            after = events.getString("next");
        }

        assertEquals(8, all.size());
        assertEquals(all, paged);
        admin(tenant).queryParam("after", after).when().get("/v1/events")
                .then().statusCode(200).body("data", empty()).body("next", equalTo(after));
    }

    @Test
    void aReaderResumingFromItsCursorReceivesOnlyLaterEvents() {
        Seed.contact(tenant, "Ana", "Ruiz");
        String next = feed("").getString("next");

        Seed.contact(tenant, "Bea", "Soler");

        admin(tenant).queryParam("after", next).when().get("/v1/events")
                .then().statusCode(200).body("data.payload.data.firstName", contains("Bea"));
    }

    @Test
    void anEmptyFeedStillGivesACursorToPollWith() {
        String next = feed("").getString("next");
        Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).queryParam("after", next).when().get("/v1/events")
                .then().statusCode(200).body("data.type", contains("contact.created"));
    }

    @Test
    void filtersByExactTypeOrByEntityPrefix() {
        eightWrites();

        assertEquals(List.of("contact.updated"), feed("?types=contact.updated").getList("data.type"));
        assertEquals(List.of("company.created", "company.updated", "company.archived", "company.restored"),
                feed("?types=company.*").getList("data.type"));
        assertEquals(List.of("contact.archived", "company.created", "company.updated", "company.archived", "company.restored"),
                feed("?types=contact.archived,company.*").getList("data.type"));
    }

    @Test
    void aFailedWriteAppendsNoEvent() {
        Seed.contactWithEmail(tenant, "ana@acme.es");

        admin(tenant).body(Bodies.contact().email("ana@acme.es").build()).when().post("/v1/contacts").then().spec(problem(409));
        admin(tenant).body(Bodies.contact().email("not-an-email").build()).when().post("/v1/contacts").then().spec(problem(400));

        assertEquals(1, Seed.eventCount(tenant));
    }

    @Test
    void anotherTenantNeverSeesTheseEvents() {
        eightWrites();
        String next = feed("").getString("next");
        String other = newTenant();

        admin(other).when().get("/v1/events").then().statusCode(200).body("data", empty());
        admin(other).queryParam("types", "contact.*,company.*").when().get("/v1/events").then().body("data", empty());
        admin(other).queryParam("after", "MDowOjA").when().get("/v1/events").then().body("data", empty());
        Seed.contact(other, "Zoe", "Otra");
        admin(other).when().get("/v1/events").then().body("data.actor", everyItem(equalTo("tester"))).body("data", hasSize(1));
        admin(tenant).queryParam("after", next).when().get("/v1/events").then().body("data", empty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "after=garbage", "after=OTk5", "types=Contact.Updated", "types=contact", "types=contact.up*",
            "types=*", "limit=0", "limit=1001", "limit=ten", "cursor=MDow" })
    void refusesABadCursorTypePatternLimitOrParameter(String query) {
        admin(tenant).when().get("/v1/events?" + query).then().spec(problem(400));
    }
}
