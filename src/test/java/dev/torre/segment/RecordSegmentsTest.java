package dev.torre.segment;

import static dev.torre.segment.SegmentMembershipTest.segment;
import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The segments a record belongs to: REST beside each record, GraphQL {@code segments} on contacts, companies and deals. */
@QuarkusTest
class RecordSegmentsTest {

    private final String tenant = newTenant();

    private String staticList(String name, String objectType, String... ids) {
        String id = admin(tenant).body(Map.of("name", name, "objectType", objectType, "kind", "static")).when()
                .post("/v1/segments").then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("ids", List.of(ids))).when().post("/v1/segments/{id}/members", id).then().statusCode(200);
        return id;
    }

    @Test
    void aContactsSegmentsAreListedInNameOrderLiveOnes() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").lifecycleStage("lead").build());
        String ben = Seed.contact(tenant, Bodies.contact().email("ben@acme.es").lifecycleStage("customer").build());
        String leads = segment(tenant, "contact", "lifecycleStage eq \"lead\"");
        String fair = staticList("A fair", "contact", ana, ben);
        String gone = staticList("Gone", "contact", ana);
        admin(tenant).when().delete("/v1/segments/{id}", gone).then().statusCode(204);

        admin(tenant).when().get("/v1/contacts/{id}/segments", ana).then().statusCode(200)
                .body("data.id", contains(fair, leads)).body("data[1].memberCount", equalTo(1))
                .body("data[1].status", equalTo("ready"));
        admin(tenant).when().get("/v1/contacts/{id}/segments", ben).then().statusCode(200).body("data.id", contains(fair));

        // one query for the page: each contact gets its own segments
        GraphQL.as(Tokens.admin(tenant), "query($sort: [String]) { contacts(sort: $sort) { edges { node { email segments { id name } } } } }",
                Map.of("sort", List.of("email")))
                .body("errors", nullValue())
                .body("data.contacts.edges[0].node.segments.id", contains(fair, leads))
                .body("data.contacts.edges[1].node.segments.id", contains(fair));
    }

    @Test
    void companiesAndDealsHaveTheirSegmentsToo() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme").domain("acme.es").tier("gold").build());
        String gold = segment(tenant, "company", "tier eq \"gold\"");
        admin(tenant).when().get("/v1/companies/{id}/segments", acme).then().statusCode(200).body("data.id", contains(gold));
        String contact = Seed.contact(tenant, Bodies.contact().email("d@acme.es").build());
        String deal = admin(tenant).body(Map.of("name", "Big", "amount", "50000", "currency", "EUR", "contactId", contact))
                .when().post("/v1/deals").then().statusCode(201).extract().path("id");
        String big = segment(tenant, "deal", "amount ge 1000");
        admin(tenant).when().get("/v1/deals/{id}/segments", deal).then().statusCode(200).body("data.id", contains(big));
        GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { company(id: $id) { segments { id } } }", Map.of("id", acme))
                .body("errors", nullValue()).body("data.company.segments.id", contains(gold));
        GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { deal(id: $id) { segments { id } } }", Map.of("id", deal))
                .body("errors", nullValue()).body("data.deal.segments.id", contains(big));
        admin(tenant).when().get("/v1/contacts/{id}/segments", contact).then().statusCode(200).body("data", empty());
    }

    @Test
    void segmentsOfARecordNeedTheSegmentScopeAndAnotherTenantsRecordIsNotFound() {
        String ana = Seed.contact(tenant, Bodies.contact().email("ana@acme.es").build());
        staticList("List", "contact", ana);
        as(Tokens.of(tenant, "admin", "contacts:read")).when().get("/v1/contacts/{id}/segments", ana).then()
                .spec(Problems.problem(403));
        as(Tokens.of(tenant, "admin", "segments:read")).when().get("/v1/contacts/{id}/segments", ana).then()
                .spec(Problems.problem(403));
        as(Tokens.of(tenant, "admin", "segments:read contacts:read")).when().get("/v1/contacts/{id}/segments", ana).then()
                .statusCode(200).body("data.name", contains("List"));
        GraphQL.as(Tokens.of(tenant, "admin", "contacts:read"), "query($id: ID!) { contact(id: $id) { email segments { id } } }",
                Map.of("id", ana))
                .body("data.contact.email", equalTo("ana@acme.es")).body("data.contact.segments", nullValue())
                .body("errors[0].path", contains("contact", "segments")).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        admin(newTenant()).when().get("/v1/contacts/{id}/segments", ana).then().spec(Problems.problem(404));
        admin(tenant).when().get("/v1/contacts/{id}/segments", java.util.UUID.randomUUID()).then().spec(Problems.problem(404));
    }
}
