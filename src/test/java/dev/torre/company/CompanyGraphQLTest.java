package dev.torre.company;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.GraphQL.expectError;
import static dev.torre.testing.GraphQL.vars;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Companies over GraphQL, and their contacts as a nested field. */
@QuarkusTest
class CompanyGraphQLTest {

    private static final String COMPANY = """
            query Company($id: ID!, $first: Int) {
              company(id: $id) {
                id name domain industry sizeBand tier externalId properties version archivedAt
                contacts(first: $first) { email }
              }
            }
            """;

    private static final String COMPANIES = """
            query Companies($filter: String, $where: Where, $sort: [String], $first: Int, $after: String) {
              companies(filter: $filter, where: $where, sort: $sort, first: $first, after: $after) {
                edges { cursor node { id name domain tier } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """;

    private static final String CREATE = """
            mutation Create($input: CompanyInput!) {
              createCompany(input: $input) { id name domain sizeBand tier properties version }
            }
            """;

    private static final String UPDATE = """
            mutation Update($id: ID!, $input: CompanyInput!, $clear: [String], $expectedVersion: BigInteger) {
              updateCompany(id: $id, input: $input, clear: $clear, expectedVersion: $expectedVersion) {
                id name domain industry tier properties version
              }
            }
            """;

    private static final String DELETE = """
            mutation Delete($id: ID!) { deleteCompany(id: $id) }
            """;

    private final String tenant = newTenant();

    @Test
    void createsReadsUpdatesAndArchivesACompany() {
        String id = graphql(CREATE, Map.of("input", Map.of("name", "  Acme Ibérica ", "domain", "ACME.es", "industry", "Retail",
                "sizeBand", "51-200", "tier", "gold", "properties", """
                        {"region":"south","stores":12}""")))
                .body("errors", nullValue())
                .body("data.createCompany.name", equalTo("Acme Ibérica"))
                .body("data.createCompany.domain", equalTo("acme.es"))
                .body("data.createCompany.sizeBand", equalTo("51-200"))
                .body("data.createCompany.tier", equalTo("gold"))
                .body("data.createCompany.version", equalTo(0))
                .extract().path("data.createCompany.id");

        graphql(COMPANY, Map.of("id", id))
                .body("errors", nullValue())
                .body("data.company.name", equalTo("Acme Ibérica"))
                .body("data.company.industry", equalTo("Retail"))
                .body("data.company.properties", equalTo("""
                        {"region":"south","stores":12}"""))
                .body("data.company.contacts", empty());
        admin(tenant).when().get("/v1/companies/" + id).then().statusCode(200).body("domain", equalTo("acme.es"));

        graphql(UPDATE, vars("id", id, "input", Map.of("tier", "platinum", "properties", """
                {"stores":13}"""), "clear", List.of("industry"), "expectedVersion", 0))
                .body("errors", nullValue())
                .body("data.updateCompany.name", equalTo("Acme Ibérica"))
                .body("data.updateCompany.tier", equalTo("platinum"))
                .body("data.updateCompany.industry", nullValue())
                .body("data.updateCompany.properties", equalTo("""
                        {"region":"south","stores":13}"""))
                .body("data.updateCompany.version", equalTo(1));

        graphql(DELETE, Map.of("id", id)).body("errors", nullValue()).body("data.deleteCompany", equalTo(true));
        graphql(COMPANY, Map.of("id", id)).body("data.company.archivedAt", notNullValue());
        graphql(COMPANIES, Map.of()).body("data.companies.edges", empty());
        expectError(graphql(UPDATE, Map.of("id", id, "input", Map.of("tier", "gold"))), "updateCompany", "CONFLICT");
    }

    @Test
    void pagesThroughAllCompanies() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add("Company " + i);
            company("Company " + i, "company" + i + ".example.com");
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        int pages = 0;
        while (more) {
            ValidatableResponse page = graphql(COMPANIES, vars("first", 2, "after", after, "sort", List.of("name")))
                    .body("errors", nullValue());
            seen.addAll(page.extract().path("data.companies.edges.node.name"));
            more = page.extract().path("data.companies.pageInfo.hasNextPage");
            after = page.extract().path("data.companies.pageInfo.endCursor");
            List<String> cursors = page.extract().path("data.companies.edges.cursor");
            assertEquals(cursors.get(cursors.size() - 1), after, "endCursor is the cursor of the page's last edge");
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(names, seen);
    }

    @Test
    void aStructuredWhereFindsWhatTheScimFilterFinds() {
        company("Acme", "acme.es", "gold");
        company("Bravo", "bravo.com", "silver");
        company("Acme Norte", "acme-norte.es", "silver");
        company("Delta", "delta.es", "gold");

        Map<String, Object> where = Map.of("or", List.of(
                Map.of("and", List.of(Map.of("field", "tier", "op", "EQ", "value", "silver"),
                        Map.of("field", "name", "op", "SW", "value", "Acme"))),
                Map.of("not", Map.of("field", "domain", "op", "EW", "value", ".es"))));
        String filter = "(tier eq \"silver\" and name sw \"Acme\") or not (domain ew \".es\")";

        List<String> byWhere = graphql(COMPANIES, Map.of("where", where, "sort", List.of("name"))).body("errors", nullValue())
                .extract().path("data.companies.edges.node.name");
        List<String> byFilter = graphql(COMPANIES, Map.of("filter", filter, "sort", List.of("name"))).body("errors", nullValue())
                .extract().path("data.companies.edges.node.name");
        assertEquals(List.of("Acme Norte", "Bravo"), byWhere);
        assertEquals(byFilter, byWhere);
    }

    @Test
    void listsTheFirstContactsOfACompanyOldestFirst() {
        String acme = company("Acme", "acme.es");
        String other = company("Other", "other.es");
        for (String email : List.of("first@acme.es", "second@acme.es", "third@acme.es")) {
            admin(tenant).body(Map.of("email", email, "companyId", acme)).when().post("/v1/contacts").then().statusCode(201);
        }
        admin(tenant).body(Map.of("email", "someone@other.es", "companyId", other)).when().post("/v1/contacts").then().statusCode(201);
        String archived = admin(tenant).body(Map.of("email", "gone@acme.es", "companyId", acme)).when().post("/v1/contacts")
                .then().statusCode(201).extract().path("id");
        admin(tenant).when().delete("/v1/contacts/" + archived).then().statusCode(204);

        graphql(COMPANY, Map.of("id", acme, "first", 2))
                .body("errors", nullValue())
                .body("data.company.contacts.email", contains("first@acme.es", "second@acme.es"));
        graphql(COMPANY, Map.of("id", acme))
                .body("data.company.contacts.email", contains("first@acme.es", "second@acme.es", "third@acme.es"));
        graphql("""
                query { companies(sort: ["name"]) { edges { node { name contacts { email } } } } }
                """, Map.of())
                .body("data.companies.edges.node.contacts.email", contains(
                        List.of("first@acme.es", "second@acme.es", "third@acme.es"), List.of("someone@other.es")));
    }

    @Test
    void errorsCarryACodeAndPlainWords() {
        String id = company("Acme", "acme.es");
        String otherTenants = admin(newTenant()).body(Map.of("name", "Theirs")).when().post("/v1/companies")
                .then().statusCode(201).extract().path("id");

        expectError(graphql(COMPANY, Map.of("id", UUID.randomUUID().toString())), "company", "NOT_FOUND");
        expectError(graphql(COMPANY, Map.of("id", otherTenants)), "company", "NOT_FOUND");
        expectError(graphql(DELETE, Map.of("id", otherTenants)), "deleteCompany", "NOT_FOUND");
        expectError(graphql(CREATE, Map.of("input", Map.of("domain", "nameless.es"))), "createCompany", "VALIDATION")
                .body("errors[0].extensions.errors.field", hasItem("name"));
        expectError(graphql(CREATE, Map.of("input", Map.of("name", "Huge", "sizeBand", "huge"))), "createCompany", "VALIDATION")
                .body("errors[0].extensions.errors.field", hasItem("sizeBand"));
        expectError(graphql(COMPANIES, Map.of("where", Map.of("field", "revenue", "op", "GT", "value", "10"))), "companies", "VALIDATION");
        expectError(graphql(COMPANIES, Map.of("where", Map.of("field", "tier", "op", "EQ", "value", "diamond"))), "companies", "VALIDATION");
        expectError(graphql(CREATE, Map.of("input", Map.of("name", "Acme Again", "domain", "Acme.ES"))), "createCompany", "CONFLICT")
                .body("errors[0].extensions.errors.field", hasItem("domain"));
        expectError(graphql(UPDATE, vars("id", id, "input", Map.of("tier", "gold"), "clear", List.of("revenue"))),
                "updateCompany", "VALIDATION")
                .body("errors[0].extensions.errors.field", hasItem("clear"));
        expectError(graphql(UPDATE, vars("id", id, "input", Map.of("tier", "gold"), "expectedVersion", 3)),
                "updateCompany", "PRECONDITION_FAILED");
        expectError(GraphQL.as(Tokens.readonly(tenant), UPDATE, Map.of("id", id, "input", Map.of("tier", "gold"))).statusCode(200),
                "updateCompany", "FORBIDDEN");

        graphql(COMPANY, Map.of("id", id)).body("data.company.version", equalTo(0)).body("data.company.tier", nullValue());
    }

    // --- fixtures and helpers ---

    private ValidatableResponse graphql(String document, Map<String, ?> variables) {
        return GraphQL.as(Tokens.admin(tenant), document, variables).statusCode(200);
    }


    private String company(String name, String domain) {
        return admin(tenant).body(Map.of("name", name, "domain", domain)).when().post("/v1/companies")
                .then().statusCode(201).extract().path("id");
    }

    private String company(String name, String domain, String tier) {
        return admin(tenant).body(Map.of("name", name, "domain", domain, "tier", tier)).when().post("/v1/companies")
                .then().statusCode(201).extract().path("id");
    }
}
