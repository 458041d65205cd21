package dev.torre.segment;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Segment mutations over GraphQL: the same service, checks, scopes and error codes as REST. */
@QuarkusTest
class SegmentGraphQLTest {

    private final String tenant = newTenant();

    private static final String CREATE = """
            mutation($input: SegmentInput!) { createSegment(input: $input) { id name kind status memberCount } }""";

    @Test
    void aStaticListIsCreatedFilledEmptiedRenamedAndDeleted() {
        String ana = Seed.contact(tenant, "Ana", "List");
        String id = GraphQL.as(Tokens.admin(tenant), CREATE, Map.of("input", Map.of("name", "Fair", "objectType", "contact", "kind", "static")))
                .body("errors", nullValue()).body("data.createSegment.kind", equalTo("static")).extract().path("data.createSegment.id");
        GraphQL.as(Tokens.admin(tenant), "mutation($s: ID!, $ids: [String!]!) { addSegmentMembers(segmentId: $s, ids: $ids) { memberCount } }",
                Map.of("s", id, "ids", List.of(ana))).body("errors", nullValue()).body("data.addSegmentMembers.memberCount", equalTo(1));
        admin(tenant).when().get("/v1/segments/{id}/members", id).then().statusCode(200).body("data.id", equalTo(List.of(ana)));
        GraphQL.as(Tokens.admin(tenant), "mutation($s: ID!, $r: ID!) { removeSegmentMember(segmentId: $s, recordId: $r) }",
                Map.of("s", id, "r", ana)).body("errors", nullValue()).body("data.removeSegmentMember", equalTo(true));
        admin(tenant).when().get("/v1/segments/{id}", id).then().body("memberCount", equalTo(0));
        GraphQL.as(Tokens.admin(tenant), "mutation($id: ID!, $input: SegmentInput!) { updateSegment(id: $id, input: $input) { name } }",
                Map.of("id", id, "input", Map.of("name", "Fair 2030"))).body("errors", nullValue())
                .body("data.updateSegment.name", equalTo("Fair 2030"));
        GraphQL.as(Tokens.admin(tenant), "mutation($id: ID!) { deleteSegment(id: $id) }", Map.of("id", id))
                .body("errors", nullValue()).body("data.deleteSegment", equalTo(true));
        admin(tenant).when().get("/v1/segments/{id}", id).then().statusCode(200).body("archivedAt", notNullValue());
    }

    @Test
    void aBadFilterIsTheSameValidationProblemAsOverRestAndAScopeIsNeeded() {
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), CREATE,
                Map.of("input", Map.of("name", "Bad", "objectType", "contact", "filter", "colour eq \"red\""))), "createSegment", "VALIDATION")
                .body("errors[0].extensions.errors[0].field", equalTo("filter"));
        GraphQL.expectError(GraphQL.as(Tokens.of(tenant, "sales", null), CREATE,
                Map.of("input", Map.of("name", "Mine", "objectType", "contact", "kind", "static"))), "createSegment", "FORBIDDEN");
        admin(tenant).when().get("/v1/segments").then().statusCode(200).body("data", equalTo(List.of()));
    }

    @Test
    void anotherTenantsRecordOrSegmentIsRefusedAndChangesNothing() {
        String id = GraphQL.as(Tokens.admin(tenant), CREATE, Map.of("input", Map.of("name", "Mine", "objectType", "contact", "kind", "static")))
                .body("errors", nullValue()).extract().path("data.createSegment.id");
        String add = "mutation($s: ID!, $ids: [String!]!) { addSegmentMembers(segmentId: $s, ids: $ids) { memberCount } }";
        String elsewhere = Seed.contact(newTenant(), "Eve", "Other");
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), add, Map.of("s", id, "ids", List.of(elsewhere))), "addSegmentMembers",
                "VALIDATION").body("errors[0].extensions.errors[0].field", equalTo("ids"));
        admin(tenant).when().get("/v1/segments/{id}", id).then().body("memberCount", equalTo(0));

        String other = newTenant();
        String theirs = Seed.contact(other, "Tom", "Theirs");
        GraphQL.expectError(GraphQL.as(Tokens.admin(other), add, Map.of("s", id, "ids", List.of(theirs))), "addSegmentMembers",
                "NOT_FOUND");
        GraphQL.expectError(GraphQL.as(Tokens.admin(other), "mutation($id: ID!) { deleteSegment(id: $id) }", Map.of("id", id)),
                "deleteSegment", "NOT_FOUND");
        admin(tenant).when().get("/v1/segments/{id}", id).then().statusCode(200).body("memberCount", equalTo(0))
                .body("archivedAt", nullValue());
    }
}
