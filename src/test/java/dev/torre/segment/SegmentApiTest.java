package dev.torre.segment;

import static dev.torre.segment.SegmentMembershipTest.segment;
import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** /v1/segments: definitions checked against the object type's fields, static lists, member pages, tenancy, scopes, GraphQL. */
@QuarkusTest
class SegmentApiTest {

    private final String tenant = newTenant();

    private String staticSegment() {
        return admin(tenant).body(Map.of("name", "Fair visitors", "objectType", "contact", "kind", "static"))
                .when().post("/v1/segments").then().statusCode(201).body("memberCount", equalTo(0))
                .body("filter", nullValue()).extract().path("id");
    }

    private List<String> segmentEvents() {
        List<String> types = admin(tenant).queryParam("types", "segment.*").when().get("/v1/events").then().statusCode(200)
                .extract().path("data.type");
        return types.stream().filter(t -> t.startsWith("segment.member_")).toList();
    }

    @Test
    void aStaticSegmentsMembersAreAddedAndRemovedExplicitly() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        String ben = Seed.contact(tenant, "Ben", "Ruiz");
        String segment = staticSegment();
        admin(tenant).body(Map.of("ids", List.of(ana, ben))).when().post("/v1/segments/{id}/members", segment).then()
                .statusCode(200).body("memberCount", equalTo(2));
        admin(tenant).body(Map.of("ids", List.of(ana))).when().post("/v1/segments/{id}/members", segment).then()
                .statusCode(200).body("memberCount", equalTo(2));
        assertEquals(List.of("segment.member_added", "segment.member_added"), segmentEvents(), "adding again announces nothing");

        admin(tenant).when().delete("/v1/segments/{id}/members/{recordId}", segment, ana).then().statusCode(204);
        admin(tenant).when().get("/v1/segments/{id}/members", segment).then().statusCode(200).body("data.id", contains(ben))
                .body("data[0].since", notNullValue());
        admin(tenant).when().delete("/v1/segments/{id}/members/{recordId}", segment, ana).then().spec(Problems.problem(404));
        assertEquals(List.of("segment.member_added", "segment.member_added", "segment.member_removed"), segmentEvents());
    }

    @Test
    void unknownMembersAndMembersOfADynamicSegmentAreRefusedAndChangeNothing() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        String company = Seed.company(tenant, Bodies.company().name("Acme").domain("acme.es").build());
        String segment = staticSegment();
        admin(tenant).body(Map.of("ids", List.of(ana, company))).when().post("/v1/segments/{id}/members", segment).then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("ids"));
        String elsewhere = Seed.contact(newTenant(), "Eve", "Other");
        admin(tenant).body(Map.of("ids", List.of(elsewhere))).when().post("/v1/segments/{id}/members", segment).then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("ids"));
        admin(tenant).body(Map.of("ids", List.of())).when().post("/v1/segments/{id}/members", segment).then()
                .spec(Problems.problem(400));
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("memberCount", equalTo(0));

        String dynamic = segment(tenant, "contact", "firstName eq \"Ana\"");
        admin(tenant).body(Map.of("ids", List.of(ana))).when().post("/v1/segments/{id}/members", dynamic).then()
                .spec(Problems.problem(409));
        admin(tenant).when().delete("/v1/segments/{id}/members/{recordId}", dynamic, ana).then().spec(Problems.problem(409));
        admin(tenant).when().get("/v1/segments/{id}/members", dynamic).then().body("data.id", contains(ana));
    }

    @Test
    void badDefinitionsAre400NamingTheFieldAndCreateNothing() {
        List<Map.Entry<String, Map<String, Object>>> cases = List.of(
                Map.entry("filter", Map.of("name", "x", "objectType", "contact", "filter", "lifecycleStage eq")),
                Map.entry("filter", Map.of("name", "x", "objectType", "contact", "filter", "shoeSize eq 42")),
                Map.entry("filter", Map.of("name", "x", "objectType", "deal", "filter", "lifecycleStage eq \"lead\"")),
                Map.entry("filter", Map.of("name", "x", "objectType", "contact", "filter", "leadScore eq \"high\"")),
                Map.entry("filter", Map.of("name", "x", "objectType", "contact", "kind", "dynamic")),
                Map.entry("filter", Map.of("name", "x", "objectType", "contact", "kind", "static", "filter", "leadScore ge 1")),
                Map.entry("objectType", Map.of("name", "x", "objectType", "ticket", "filter", "status eq \"open\"")),
                Map.entry("kind", Map.of("name", "x", "objectType", "contact", "kind", "smart", "filter", "leadScore ge 1")));
        cases.forEach(c -> admin(tenant).body(c.getValue()).when().post("/v1/segments").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo(c.getKey())));
        admin(tenant).body(Map.of("name", "x", "filter", "leadScore ge 1")).when().post("/v1/segments").then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("objectType"));
        admin(tenant).when().get("/v1/segments").then().statusCode(200).body("data", empty());
        assertEquals(List.of(), segmentEvents());

        String segment = segment(tenant, "contact", "leadScore ge 1");
        admin(tenant).body(Map.of("filter", "nope eq 1")).when().patch("/v1/segments/{id}", segment).then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("filter"));
        admin(tenant).body(Map.of("objectType", "company")).when().patch("/v1/segments/{id}", segment).then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("objectType"));
        admin(tenant).when().get("/v1/segments/{id}", segment).then().body("filter", equalTo("leadScore ge 1"))
                .body("version", equalTo(0));
    }

    @Test
    void anotherTenantsSegmentIsNotFound() {
        String other = newTenant();
        String theirs = segment(other, "contact", "leadScore ge 1");
        String ana = Seed.contact(tenant, "Ana", "Soler");
        admin(tenant).when().get("/v1/segments/{id}", theirs).then().spec(Problems.problem(404));
        admin(tenant).when().get("/v1/segments/{id}/members", theirs).then().spec(Problems.problem(404));
        admin(tenant).body(Map.of("name", "mine")).when().patch("/v1/segments/{id}", theirs).then().spec(Problems.problem(404));
        admin(tenant).body(Map.of("ids", List.of(ana))).when().post("/v1/segments/{id}/members", theirs).then()
                .spec(Problems.problem(404));
        admin(tenant).when().delete("/v1/segments/{id}", theirs).then().spec(Problems.problem(404));
        admin(other).when().get("/v1/segments/{id}", theirs).then().statusCode(200).body("name", equalTo("Segment contact"));
    }

    @Test
    void scopesGovernSegmentsAndTheirMembersNeedTheRecordsReadScopeToo() {
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").lifecycleStage("lead").build());
        String segment = segment(tenant, "contact", "lifecycleStage eq \"lead\"");

        as(Tokens.of(tenant, "admin", "contacts:read")).when().get("/v1/segments/{id}", segment).then().spec(Problems.problem(403));
        as(Tokens.of(tenant, "admin", "contacts:read")).when().get("/v1/segments").then().spec(Problems.problem(403));
        as(Tokens.of(tenant, "admin", "segments:read")).body(Map.of("name", "x", "objectType", "contact", "kind", "static"))
                .when().post("/v1/segments").then().spec(Problems.problem(403));
        as(Tokens.of(tenant, "admin", "segments:read")).when().get("/v1/segments/{id}", segment).then().statusCode(200);
        as(Tokens.of(tenant, "admin", "segments:read")).when().get("/v1/segments/{id}/members", segment).then()
                .spec(Problems.problem(403)).body("detail", containsString("contacts:read"));
        as(Tokens.of(tenant, "admin", "segments:write")).body(Map.of("name", "x", "objectType", "contact", "filter", "leadScore ge 1"))
                .when().post("/v1/segments").then().spec(Problems.problem(403));
        as(Tokens.of(tenant, "admin", "segments:read contacts:read")).when().get("/v1/segments/{id}/members", segment).then()
                .statusCode(200).body("data.id", contains(ana));

        // by default marketing keeps segments; sales may not read them
        String leads = as(Tokens.of(tenant, "marketing", null)).body(Map.of("name", "Leads", "objectType", "contact", "filter", "lifecycleStage eq \"lead\""))
                .when().post("/v1/segments").then().statusCode(201).body("status", equalTo("backfilling")).extract().path("id");
        SegmentMembershipTest.fill(tenant);
        as(Tokens.of(tenant, "marketing", null)).when().get("/v1/segments/{id}", leads).then().statusCode(200)
                .body("memberCount", equalTo(1)).body("status", equalTo("ready"));
        as(Tokens.of(tenant, "sales", null)).when().get("/v1/segments/{id}", segment).then().spec(Problems.problem(403));
    }

    @Test
    void membersComeInKeysetPages() {
        List<String> ids = List.of(Seed.contact(tenant, "A", "One"), Seed.contact(tenant, "B", "Two"), Seed.contact(tenant, "C", "Three"));
        String segment = segment(tenant, "contact", "firstName pr");
        String next = admin(tenant).queryParam("limit", 2).when().get("/v1/segments/{id}/members", segment).then().statusCode(200)
                .body("data.id", contains(ids.get(0), ids.get(1))).body("next", notNullValue()).extract().path("next");
        admin(tenant).queryParam("limit", 2).queryParam("cursor", next).when().get("/v1/segments/{id}/members", segment).then()
                .statusCode(200).body("data.id", contains(ids.get(2))).body("next", nullValue());
        admin(tenant).queryParam("cursor", "bm90LWEtY3Vyc29y").when().get("/v1/segments/{id}/members", segment).then()
                .spec(Problems.problem(400)).body("errors[0].field", equalTo("cursor"));
        admin(tenant).queryParam("limit", 0).when().get("/v1/segments/{id}/members", segment).then().spec(Problems.problem(400));
        admin(tenant).queryParam("after", next).when().get("/v1/segments/{id}/members", segment).then().spec(Problems.problem(400));
    }

    @Test
    void graphQLReadsSegmentsWithTheirMembers() {
        String ana = Seed.contact(tenant, "Ana", "Soler");
        Seed.contact(tenant, "Ben", "Ruiz");
        String segment = segment(tenant, "contact", "lastName pr");
        String document = """
                query($id: ID!) {
                  segment(id: $id) { id name memberCount members(first: 1) { edges { node { id } } pageInfo { hasNextPage } } }
                  segments { edges { node { id kind } } }
                }
                """;
        GraphQL.as(Tokens.admin(tenant), document, Map.of("id", segment))
                .body("errors", nullValue())
                .body("data.segment.memberCount", equalTo(2))
                .body("data.segment.members.edges.node.id", contains(ana))
                .body("data.segment.members.pageInfo.hasNextPage", equalTo(true))
                .body("data.segments.edges", hasSize(1))
                .body("data.segments.edges[0].node.kind", equalTo("dynamic"));
        GraphQL.expectError(GraphQL.as(Tokens.admin(newTenant()), "query($id: ID!) { segment(id: $id) { id } }", Map.of("id", segment)),
                "segment", "NOT_FOUND");
    }
}
