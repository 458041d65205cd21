package dev.torre.deal;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.GraphQL.expectError;
import static dev.torre.testing.GraphQL.vars;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Deals and pipelines over GraphQL: the same rules as REST, nested fields loaded in batches. */
@QuarkusTest
class DealGraphQLTest {

    private static final String MOVE = """
            mutation Move($id: ID!, $stageId: ID!, $lostReason: String) {
              moveDeal(id: $id, stageId: $stageId, lostReason: $lostReason) { id status stageId lostReason closedAt stageHistory { toStageId } }
            }
            """;

    private static final String NESTED = """
            query Nested($first: Int) {
              deals(first: $first, sort: ["name"]) {
                edges { node { name amount contact { firstName } company { name } contacts { role contact { lastName } } } }
              }
              contacts(first: $first) { edges { node { firstName deals { name } } } }
              companies(first: $first) { edges { node { name deals { name } } } }
            }
            """;

    private final String tenant = newTenant();

    @Inject
    EntityManagerFactory entityManagerFactory;

    private ValidatableResponse graphql(String document, Map<String, ?> variables) {
        return GraphQL.as(Tokens.admin(tenant), document, variables);
    }

    @Test
    void moveDealAppliesTheStageRules() {
        Map<String, String> stages = Sales.stages(tenant);
        String id = Sales.deal(tenant, Bodies.deal().name("G"));
        expectError(graphql(MOVE, vars("id", id, "stageId", stages.get("Lost"))), "moveDeal", "VALIDATION");
        graphql(MOVE, vars("id", id, "stageId", stages.get("Lost"), "lostReason", "No budget")).body("errors", nullValue())
                .body("data.moveDeal.status", equalTo("LOST")).body("data.moveDeal.lostReason", equalTo("No budget"))
                .body("data.moveDeal.stageHistory.toStageId", contains(stages.get("Prospecting"), stages.get("Lost")));
        expectError(GraphQL.as(Tokens.admin(newTenant()), MOVE, vars("id", id, "stageId", stages.get("Won"))), "moveDeal", "VALIDATION");
        graphql("query { pipelines { name isDefault stages { name kind probability } } }", Map.of()).body("errors", nullValue())
                .body("data.pipelines[0].isDefault", equalTo(true)).body("data.pipelines[0].stages", hasSize(6));
    }

    @Test
    void createsAndReadsADealWithItsPeople() {
        String ana = Seed.contact(tenant, "Ana", "Ruiz");
        String company = Seed.company(tenant, Bodies.company().name("Acme").build());
        String created = """
                mutation Create($input: DealInput!) { createDeal(input: $input) { id name amount currency contact { firstName } company { name }
                  contacts { role contact { lastName } } } }
                """;
        String id = graphql(created, Map.of("input", Map.of("name", "Deal", "amount", "99.9", "currency", "EUR", "contactId", ana,
                "companyId", company, "contacts", List.of(Map.of("contactId", ana, "role", "champion")))))
                .body("errors", nullValue())
                .body("data.createDeal.amount", equalTo("99.90"))
                .body("data.createDeal.contact.firstName", equalTo("Ana"))
                .body("data.createDeal.company.name", equalTo("Acme"))
                .body("data.createDeal.contacts[0].role", equalTo("champion"))
                .body("data.createDeal.contacts[0].contact.lastName", equalTo("Ruiz"))
                .extract().path("data.createDeal.id");
        graphql("query D($id: ID!) { deal(id: $id) { name } }", Map.of("id", id)).body("data.deal.name", equalTo("Deal"));
        expectError(graphql(created, Map.of("input", Map.of("name", "Bad", "amount", "1", "currency", "XYZ"))), "createDeal", "VALIDATION");
    }

    @Test
    void nestedDealsContactsAndCompaniesLoadInBatches() {
        for (int i = 0; i < 20; i++) {
            String company = Seed.company(tenant, Bodies.company().name("Company " + i).build());
            String person = Seed.contact(tenant, "First" + i, "Last" + i);
            Sales.deal(tenant, Bodies.deal().name("Deal %02d".formatted(i)).amount(String.valueOf(i * 10), "EUR").contactId(person)
                    .companyId(company).with("contacts", List.of(Map.of("contactId", person, "role", "billing"))));
        }
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        // a first query warms the tenant's cached policies (access, property definitions, bulk-read thresholds)
        graphql(NESTED, Map.of("first", 1)).body("errors", nullValue());
        statistics.clear();
        graphql(NESTED, Map.of("first", 5)).body("errors", nullValue()).body("data.deals.edges", hasSize(5));
        long forFive = statistics.getPrepareStatementCount();
        org.junit.jupiter.api.Assertions.assertTrue(forFive > 0, "no statement counted, so the comparison below would prove nothing");

        statistics.clear();
        graphql(NESTED, Map.of("first", 20)).body("errors", nullValue())
                .body("data.deals.edges", hasSize(20))
                .body("data.deals.edges.node.contacts", everyItem(hasSize(1)))
                .body("data.contacts.edges.node.deals", everyItem(hasSize(1)))
                .body("data.companies.edges.node.deals", everyItem(hasSize(1)))
                .body("data.deals.edges[3].node.company.name", equalTo("Company 3"));
        long forTwenty = statistics.getPrepareStatementCount();
        assertEquals(forFive, forTwenty, "statements for 5 deals vs for 20");
    }

    @Test
    void aReadonlyTokenCannotMoveDeals() {
        String id = Sales.deal(tenant, Bodies.deal().name("R"));
        String won = Sales.stages(tenant).get("Won");
        expectError(GraphQL.as(Tokens.readonly(tenant), MOVE, vars("id", id, "stageId", won)), "moveDeal", "FORBIDDEN");
        admin(tenant).when().get("/v1/deals/{id}", id).then().body("status", equalTo("open"));
    }
}
