package dev.torre.platform.query;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A score computed from a field a role may not see cannot be used by that role to order or filter records: the order
 * would give the hidden input back (deals sorted by a win probability computed from their amount sort by amount).
 */
@QuarkusTest
class DerivedFieldQueryTest {

    private final String tenant = newTenant();

    @Inject
    DataSource dataSource;

    @Test
    void aWinProbabilityComputedFromTheHiddenAmountCannotBeSortedOrFilteredOnByService() {
        for (String amount : List.of("100", "20000", "3000")) {
            admin(tenant).body(Map.of("name", "Deal " + amount, "amount", amount, "currency", "EUR")).when().post("/v1/deals")
                    .then().statusCode(201);
        }
        String service = Tokens.of(tenant, "service", null); // service may not see deal amounts
        as(service).queryParam("sort", "-predictedWinProbability").when().get("/v1/deals").then().statusCode(200);

        readyModel("deal_win", "amount (log)");
        refused(as(service).queryParam("sort", "-predictedWinProbability").when().get("/v1/deals").then(), "sort");
        refused(as(service).queryParam("filter", "predictedWinProbability gt 0.5").when().get("/v1/deals").then(), "filter");
        refused(as(service).body(Map.of("sort", List.of("predictedWinProbability"))).when().post("/v1/deals/search").then(), "sort");
        GraphQL.expectError(GraphQL.as(service, "query($sort: [String]) { deals(sort: $sort) { edges { cursor } } }",
                Map.of("sort", List.of("-predictedWinProbability"))), "deals", "VALIDATION")
                .body("errors[0].extensions.errors[0].code", equalTo("derived_from_hidden_field"));
        as(Tokens.of(tenant, "sales", null)).queryParam("sort", "-predictedWinProbability").when().get("/v1/deals").then()
                .statusCode(200);
    }

    @Test
    void aLeadScoreWhoseRuleReadsAHiddenFieldCannotBeSortedOrFilteredOn() {
        Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@gmail.com").build());
        String sales = Tokens.of(tenant, "sales", null);
        as(sales).queryParam("sort", "-leadScore").when().get("/v1/contacts").then().statusCode(200);
        // a default rule takes points off personal email addresses: hiding email from sales makes the score reveal it
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("email")))
                .when().put("/v1/access-policy/sales/contact").then().statusCode(200);
        refused(as(sales).queryParam("sort", "-leadScore").when().get("/v1/contacts").then(), "sort");
        refused(as(sales).queryParam("filter", "leadScore lt 0").when().get("/v1/contacts").then(), "filter");
        as(sales).queryParam("sort", "-updatedAt").when().get("/v1/contacts").then().statusCode(200);
        admin(tenant).queryParam("sort", "-leadScore").when().get("/v1/contacts").then().statusCode(200);
    }

    private static void refused(ValidatableResponse response, String parameter) {
        response.statusCode(400).body("errors[0].field", equalTo(parameter))
                .body("errors[0].code", equalTo("derived_from_hidden_field"));
    }

    /** A ready model of the kind with one feature. */
    private void readyModel(String kind, String feature) {
        TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    insert into scoring_model (tenant_id, id, kind, model_version, status, intercept, features, trained_at, version,
                                               created_at, updated_at)
                    values (?, gen_random_uuid(), ?, 1, 'ready', 0, cast(? as jsonb), now(), 1, now(), now())
                    """)) {
                ps.setString(1, tenant);
                ps.setString(2, kind);
                ps.setString(3, "[{\"name\": \"" + feature + "\", \"mean\": 0, \"sd\": 1, \"coefficient\": 1}]");
                return ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
