package dev.torre.interaction;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;


import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** Timelines: newest first, keyset pages, a type filter, and a company's includes its contacts'. */
@QuarkusTest
class TimelineTest {

    private final String tenant = newTenant();

    /** An inbound touchpoint linked to one record: its link field (contactId, companyId, dealId) holds the record's id. */
    private void record(String type, String at, String subject, String linkField, String recordId) {
        admin(tenant).body(Bodies.interaction().type(type).direction("inbound").occurredAt(at).subject(subject).with(linkField, recordId).build())
                .when().post("/v1/interactions").then().statusCode(201);
    }

    @Test
    void aContactsTimelineIsNewestFirstInPagesAndFilteredByType() {
        String contact = Seed.contact(tenant, "Ana", "Soler");
        record("email", "2026-03-01T10:00:00Z", "e1", "contactId", contact);
        record("call", "2026-03-03T10:00:00Z", "c1", "contactId", contact);
        record("email", "2026-03-02T10:00:00Z", "e2", "contactId", contact);
        record("sms", "2026-03-02T10:00:00Z", "s1", "contactId", contact);
        record("email", "2026-03-04T10:00:00Z", "other", "contactId", Seed.contact(tenant, "Bea", "X"));

        String next = admin(tenant).queryParam("limit", 2).when().get("/v1/contacts/{id}/timeline", contact).then().statusCode(200)
                .body("data.subject", contains("c1", "s1")).body("next", notNullValue()).extract().path("next");
        admin(tenant).queryParam("limit", 2).queryParam("cursor", next).when().get("/v1/contacts/{id}/timeline", contact).then()
                .body("data.subject", contains("e2", "e1")).body("next", nullValue());
        admin(tenant).queryParam("type", "email,call").when().get("/v1/contacts/{id}/timeline", contact).then()
                .body("data.subject", contains("c1", "e2", "e1"));
        String typed = admin(tenant).queryParam("type", "email,call").queryParam("limit", 2)
                .when().get("/v1/contacts/{id}/timeline", contact).then().body("data.subject", contains("c1", "e2"))
                .extract().path("next");
        admin(tenant).queryParam("type", "email,call").queryParam("limit", 2).queryParam("cursor", typed)
                .when().get("/v1/contacts/{id}/timeline", contact).then().statusCode(200).body("data.subject", contains("e1"));
        admin(tenant).queryParam("type", "fax").when().get("/v1/contacts/{id}/timeline", contact).then().spec(Problems.problem(400));
        admin(tenant).queryParam("cursr", "x").when().get("/v1/contacts/{id}/timeline", contact).then().spec(Problems.problem(400));
    }

    @Test
    void aCompanysTimelineIncludesItsContacts() {
        String company = Seed.company(tenant, Bodies.company().name("Acme").build());
        String member = Seed.contact(tenant, Bodies.contact().firstName("Ana").companyId(company).build());
        String outsider = Seed.contact(tenant, "Bea", "X");
        record("meeting", "2026-03-01T10:00:00Z", "kickoff", "companyId", company);
        record("email", "2026-03-02T10:00:00Z", "from member", "contactId", member);
        record("email", "2026-03-03T10:00:00Z", "from outsider", "contactId", outsider);
        admin(tenant).when().get("/v1/companies/{id}/timeline", company).then().statusCode(200)
                .body("data.subject", contains("from member", "kickoff"));
    }

    @Test
    void aDealsTimelineListsWhatIsLinkedToIt() {
        String deal = admin(tenant).body(Bodies.deal().name("Renewal").amount("10", "EUR").build()).when().post("/v1/deals")
                .then().statusCode(201).extract().path("id");
        record("meeting", "2026-03-01T10:00:00Z", "demo", "dealId", deal);
        record("email", "2026-03-02T10:00:00Z", "proposal", "dealId", deal);
        record("email", "2026-03-03T10:00:00Z", "unrelated", "companyId", Seed.company(tenant, Bodies.company().name("Acme").build()));
        admin(tenant).when().get("/v1/deals/{id}/timeline", deal).then().statusCode(200).body("data.subject", contains("proposal", "demo"));
        admin(tenant).when().get("/v1/deals/{id}/timeline", java.util.UUID.randomUUID()).then().spec(Problems.problem(404));
    }

    @Test
    void anotherTenantsTimelineIsNotFound() {
        String foreign = Seed.contact(newTenant(), "Eve", "X");
        admin(tenant).when().get("/v1/contacts/{id}/timeline", foreign).then().spec(Problems.problem(404));
        admin(tenant).when().get("/v1/companies/{id}/timeline", foreign).then().spec(Problems.problem(404));
        admin(tenant).when().get("/v1/tickets/{id}/timeline", foreign).then().spec(Problems.problem(404));
    }
}
