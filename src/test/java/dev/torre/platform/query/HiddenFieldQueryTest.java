package dev.torre.platform.query;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A field hidden from a role stays hidden from what lists do with it: sorts and filters are checked once they are
 * parsed, whatever the spelling and whichever transport, and cursors carry nothing a caller can read or reuse elsewhere.
 */
@QuarkusTest
class HiddenFieldQueryTest {

    private static final List<String> AMOUNTS = List.of("12345.67", "20000.01", "30303.03");

    private final String tenant = newTenant();
    private String service;

    @BeforeEach
    void dealsWithAmountsAndACallerWhoMayNotSeeThem() {
        for (String amount : AMOUNTS) {
            admin(tenant).body(Map.of("name", "Deal " + amount, "amount", amount, "currency", "EUR"))
                    .when().post("/v1/deals").then().statusCode(201);
        }
        service = Tokens.of(tenant, "service", null);
    }

    @Test
    void aHiddenFieldIsRefusedInASortHoweverItIsSpelled() {
        for (String sort : List.of("-amount", "- amount", "-  amount", " -amount", "+amount", "+ amount", "amount ",
                "AMOUNT", "-Amount", "name,- amount", "name , -amount", "-\tamount")) {
            hidden(as(service).queryParam("sort", sort).when().get("/v1/deals").then(), "sort");
            hidden(as(service).body(Map.of("sort", List.of(sort))).when().post("/v1/deals/search").then(), "sort");
            GraphQL.expectError(GraphQL.as(service, "query($s: [String]) { deals(sort: $s) { edges { cursor } } }",
                    GraphQL.vars("s", List.of(sort))), "deals", "VALIDATION")
                    .body("errors[0].extensions.errors[0].code", equalTo("hidden_field"));
        }
        as(service).queryParam("sort", "-name").when().get("/v1/deals").then().statusCode(200).body("data", hasSize(3));
    }

    @Test
    void aHiddenFieldIsRefusedInAFilterHoweverItIsSpelled() {
        for (String filter : List.of("amount gt 1", "AMOUNT gt 1", "Amount pr", "name pr and not (amount lt 20000)")) {
            hidden(as(service).queryParam("filter", filter).when().get("/v1/deals").then(), "filter");
            hidden(as(service).body(Map.of("filter", filter)).when().post("/v1/deals/search").then(), "filter");
        }
        GraphQL.expectError(GraphQL.as(service, """
                { deals(where: {or: [{field: "name", op: PR}, {field: "aMoUnT", op: GT, value: "1"}]}) { edges { cursor } } }
                """), "deals", "VALIDATION").body("errors[0].extensions.errors[0].code", equalTo("hidden_field"));
        GraphQL.expectError(GraphQL.as(service, "query($filter: String) { deals(filter: $filter) { edges { cursor } } }",
                Map.of("filter", "AMOUNT ge 0")), "deals", "VALIDATION")
                .body("errors[0].extensions.errors[0].code", equalTo("hidden_field"));
    }

    @Test
    void aFieldUnderAHiddenParentIsRefused() {
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("source", "properties")))
                .when().put("/v1/access-policy/sales/contact").then().statusCode(200);
        Seed.contact(tenant, "Ana", "Ruiz");
        String sales = Tokens.of(tenant, "sales", null);
        for (String filter : List.of("source.utmCampaign eq \"spring\"", "SOURCE.UTMCAMPAIGN pr", "properties.plan eq \"pro\"",
                "Properties.plan pr")) {
            hidden(as(sales).queryParam("filter", filter).when().get("/v1/contacts").then(), "filter");
        }
        as(sales).queryParam("filter", "lastName eq \"Ruiz\"").when().get("/v1/contacts").then().statusCode(200)
                .body("data", hasSize(1));
    }

    @Test
    void cursorsCarryNoReadableValues() {
        String next = admin(tenant).queryParam("sort", "-amount").queryParam("limit", 1).when().get("/v1/deals").then()
                .statusCode(200).body("data[0].amount", equalTo("30303.03")).body("next", notNullValue()).extract().path("next");
        assertOpaque(next);
        List<String> cursors = GraphQL.as(Tokens.admin(tenant),
                "query($sort: [String]) { deals(sort: $sort, first: 3) { edges { cursor } pageInfo { endCursor } } }",
                Map.of("sort", List.of("-amount")))
                .body("errors", org.hamcrest.Matchers.nullValue()).extract().path("data.deals.edges.cursor");
        assertEquals(3, cursors.size());
        cursors.forEach(HiddenFieldQueryTest::assertOpaque);
        // the cursor still works, for the list it was made for
        admin(tenant).queryParam("sort", "-amount").queryParam("limit", 1).queryParam("cursor", next).when().get("/v1/deals")
                .then().statusCode(200).body("data[0].amount", equalTo("20000.01"));
        // two cursors for the same row differ: nothing stable to compare between pages or callers
        String again = admin(tenant).queryParam("sort", "-amount").queryParam("limit", 1).when().get("/v1/deals").then()
                .extract().path("next");
        assertNotEquals(next, again);
    }

    @Test
    void aTamperedForeignOrMisappliedCursorIsAPrecise400() {
        String next = admin(tenant).queryParam("sort", "name").queryParam("limit", 1).when().get("/v1/deals").then()
                .statusCode(200).extract().path("next");
        char last = next.charAt(next.length() / 2);
        String tampered = next.substring(0, next.length() / 2) + (last == 'A' ? 'B' : 'A') + next.substring(next.length() / 2 + 1);
        invalidCursor(admin(tenant).queryParam("sort", "name").queryParam("cursor", tampered).when().get("/v1/deals").then());
        // another tenant's cursor, for the same list and sort, opens nowhere else
        String other = newTenant();
        admin(other).body(Map.of("name", "Theirs", "amount", "1", "currency", "EUR")).when().post("/v1/deals").then().statusCode(201);
        invalidCursor(admin(other).queryParam("sort", "name").queryParam("cursor", next).when().get("/v1/deals").then());
        // bound to the list, sort and filter it was made for
        invalidCursor(admin(tenant).queryParam("sort", "-name").queryParam("cursor", next).when().get("/v1/deals").then());
        invalidCursor(admin(tenant).queryParam("sort", "name").queryParam("filter", "name pr").queryParam("cursor", next)
                .when().get("/v1/deals").then());
        invalidCursor(admin(tenant).queryParam("cursor", next).when().get("/v1/contacts").then());
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant),
                "query($sort: [String], $c: String) { deals(sort: $sort, after: $c) { edges { cursor } } }",
                GraphQL.vars("sort", List.of("name"), "c", tampered)), "deals", "VALIDATION")
                .body("errors[0].extensions.errors[0].code", equalTo("invalid_cursor"));
        // the same spelling of the same sort and filter is the same list
        admin(tenant).queryParam("sort", " name ").queryParam("cursor", next).when().get("/v1/deals").then().statusCode(200);
    }

    private static void hidden(ValidatableResponse response, String parameter) {
        response.spec(problem(400)).body("errors[0].field", equalTo(parameter)).body("errors[0].code", equalTo("hidden_field"));
    }

    private static void invalidCursor(ValidatableResponse response) {
        response.spec(problem(400)).body("errors[0].field", equalTo("cursor")).body("errors[0].code", equalTo("invalid_cursor"));
    }

    private static void assertOpaque(String cursor) {
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        for (String amount : AMOUNTS) {
            assertFalse(decoded.contains(amount) || decoded.contains(amount.replace(".", "")), "the cursor reveals " + amount);
        }
        assertFalse(decoded.contains("amount") || decoded.startsWith("{") || decoded.contains("\"k\""), "the cursor is readable: " + decoded);
    }
}
