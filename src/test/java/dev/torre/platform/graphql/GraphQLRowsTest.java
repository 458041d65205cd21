package dev.torre.platform.graphql;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torre.testing.Bodies;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

/**
 * GraphQL counts rows, not fields: a query whose worst case (the product of {@code first} down nested lists,
 * summed over aliases) passes the bound is refused before it runs, and every row a query returns counts
 * toward the bulk-read guard, with the client's address in the audit like REST.
 */
@QuarkusTest
class GraphQLRowsTest {

    private final String tenant = newTenant();

    private static final String NESTED = """
            query Nested($companies: Int, $contacts: Int!) {
              companies(first: $companies) { edges { node { name contacts(first: $contacts) { email } } } }
            }
            """;

    private String reader(String subject) {
        return Tokens.sign(Jwt.issuer("torre-dev").subject(subject).groups(Set.of("sales")).claim("tid", tenant));
    }

    private JsonPath audit(String actor) {
        return as(Tokens.of(tenant, "legal", null)).queryParam("actor", actor).queryParam("limit", 100)
                .when().get("/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    /** Three companies with four contacts each. */
    private void companiesWithContacts() {
        for (int c = 0; c < 3; c++) {
            String company = Seed.company(tenant, Bodies.company().name("Co" + c));
            for (int p = 0; p < 4; p++) {
                admin(tenant).body(Map.of("email", "p" + p + "@co" + c + ".es", "companyId", company)).when().post("/v1/contacts")
                        .then().statusCode(201);
            }
        }
    }

    @Test
    void aNestedListWhoseWorstCaseIsTooManyRowsIsRefusedBeforeItRuns() {
        companiesWithContacts();
        String reader = reader("wide-reader");

        // 200 companies + 200 × 50 contacts = 10,200 rows at worst, past the bound of 10,000
        GraphQL.as(reader, NESTED, Map.of("companies", 200, "contacts", 50))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.errors[0].code", equalTo("too_many_rows"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("10200"));
        assertEquals(List.of(), audit("wide-reader").getList("data"), "a refused query reads nothing");

        // within the bound it runs
        GraphQL.as(reader, NESTED, Map.of("companies", 20, "contacts", 50))
                .body("errors", nullValue()).body("data.companies.edges", hasSize(3));
    }

    @Test
    void aliasedRepeatsAddUp() {
        String reader = reader("alias-reader");
        // sixty aliases of the same page: 60 × 200 = 12,000 rows at worst (generated, as an attacker would)
        String aliases = IntStream.range(0, 60).mapToObj(i -> "a" + i + ": contacts(first: 200) { edges { node { id } } }")
                .collect(Collectors.joining("\n"));
        GraphQL.as(reader, "query {\n" + aliases + "\n}")
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.errors[0].code", equalTo("too_many_rows"));
        // the same fragment spread twice counts twice too
        GraphQL.as(reader, """
                query { a: companies(first: 200) { ...wide } b: companies(first: 200) { ...wide } }
                fragment wide on CompanyConnection { edges { node { contacts(first: 25) { id } } } }
                """).log().ifValidationFails().body("errors[0].extensions.errors[0].code", equalTo("too_many_rows"));
    }

    @Test
    void inlineFragmentsVariablesAndDefaultPageSizesCountToo() {
        String reader = reader("sly-reader");
        String inline = """
                query Sly($n: Int!) { companies(first: 200) { edges { node { ... on Company { contacts(first: $n) { id } } } } } }
                """;
        GraphQL.as(reader, inline, Map.of("n", 50)).body("data", nullValue())
                .body("errors[0].extensions.errors[0].code", equalTo("too_many_rows"));
        // contacts' default page (10) under 200 companies: 2,200 rows at worst, within the bound
        GraphQL.as(reader, """
                query { companies(first: 200) { edges { node { ... on Company { contacts { id } } } } } }
                """).body("errors", nullValue());
        // a list left without first counts its default page: 50 companies × (1 + 50 contacts × (1 + 50 deals))
        GraphQL.as(reader, """
                query { companies { edges { node { contacts(first: 50) { deals(first: 50) { id } } } } } }
                """).body("errors[0].extensions.errors[0].code", equalTo("too_many_rows"));
    }

    @Test
    void everyRowReturnedCountsTowardTheGuardNestedAndAliasedAlike() {
        companiesWithContacts();
        String reader = reader("nested-reader");

        GraphQL.as(reader, """
                query { one: companies(first: 10) { edges { node { contacts(first: 50) { email } } } }
                        two: contacts(first: 5) { edges { node { id } } } }
                """).body("errors", nullValue()).body("data.one.edges", hasSize(3)).body("data.two.edges", hasSize(5));

        JsonPath reads = audit("nested-reader");
        Map<String, Integer> byType = new java.util.HashMap<>();
        List<Map<String, Object>> rows = reads.getList("data");
        rows.forEach(r -> byType.merge((String) r.get("entityType"), (Integer) r.get("recordCount"), Integer::sum));
        assertEquals(Map.of("company", 3, "contact", 12 + 5), byType, "rows: " + rows);
        assertEquals(Set.of("bulk_read"), Set.copyOf(reads.getList("data.kind")));
    }

    @Test
    void nestedRowsPassingTheThresholdBlockTheReader() {
        companiesWithContacts();
        admin(tenant).body(Map.of("perHour", 10, "perHourOutsideWorkingHours", 10, "workingDays", List.of(),
                "workStart", "08:00", "workEnd", "20:00", "timeZone", "Europe/Madrid"))
                .when().put("/v1/security/bulk-read-policy").then().statusCode(200);
        String reader = reader("greedy-reader");

        // 3 companies then 12 contacts nested in them: 15 rows, past 10; answered, then the reader is blocked
        GraphQL.as(reader, NESTED, Map.of("companies", 3, "contacts", 50)).body("errors", nullValue());
        GraphQL.as(reader, "query { contacts(first: 1) { edges { node { id } } } }")
                .body("data.contacts", nullValue()).body("errors[0].extensions.code", equalTo("BULK_READ_BLOCKED"));
        as(reader).when().get("/v1/contacts").then().statusCode(429);
    }

    @Test
    void graphQLBulkReadsAreAuditedWithTheClientAddress() {
        Seed.contact(tenant, "Ana", "Lee");
        GraphQL.as(reader("ip-reader"), "query { contacts { edges { node { id } } } }").body("errors", nullValue());

        as(Tokens.of(tenant, "legal", null)).queryParam("actor", "ip-reader").when().get("/v1/audit").then()
                .body("data", hasSize(1)).body("data.clientIp", everyItem(notNullValue()));
    }
}
