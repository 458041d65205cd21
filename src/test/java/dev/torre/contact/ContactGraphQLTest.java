package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.GraphQL.expectError;
import static dev.torre.testing.GraphQL.vars;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Contacts over GraphQL: the same service as REST, as a Relay connection, with batched nested fields. */
@QuarkusTest
class ContactGraphQLTest {

    private static final String CONTACT = """
            query Contact($id: ID!) {
              contact(id: $id) {
                id firstName lastName email phone lifecycleStage tags properties version archivedAt
                source { utmSource utmMedium utmCampaign }
                company { id name }
              }
            }
            """;

    private static final String CONTACTS = """
            query Contacts($filter: String, $where: Where, $sort: [String], $first: Int, $after: String) {
              contacts(filter: $filter, where: $where, sort: $sort, first: $first, after: $after) {
                edges { cursor node { id email lastName } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """;

    private static final String CREATE = """
            mutation Create($input: ContactInput!) {
              createContact(input: $input) {
                id email phone firstName lastName lifecycleStage tags properties version
                source { utmSource }
                company { name }
              }
            }
            """;

    private static final String UPDATE = """
            mutation Update($id: ID!, $input: ContactInput!, $clear: [String], $expectedVersion: BigInteger) {
              updateContact(id: $id, input: $input, clear: $clear, expectedVersion: $expectedVersion) {
                id firstName lastName phone email properties version
              }
            }
            """;

    private static final String DELETE = """
            mutation Delete($id: ID!) { deleteContact(id: $id) }
            """;

    @Inject
    EntityManagerFactory entityManagerFactory;

    private final String tenant = newTenant();

    @Test
    void createsReadsUpdatesAndArchivesAContact() {
        String company = company("Acme Ibérica", "acme.es");
        ValidatableResponse created = graphql(CREATE, Map.of("input", Map.of(
                "firstName", "José", "lastName", "García", "email", "  Jose.Garcia@Acme.ES ", "phone", "612 345 678",
                "lifecycleStage", "MQL", "tags", List.of("vip", "madrid"), "companyId", company,
                "source", Map.of("utmSource", "newsletter"), "properties", """
                        {"plan":"pro","seats":3}""")))
                .body("errors", nullValue())
                .body("data.createContact.email", equalTo("jose.garcia@acme.es"))
                .body("data.createContact.phone", equalTo("+34612345678"))
                .body("data.createContact.lifecycleStage", equalTo("MQL"))
                .body("data.createContact.tags", contains("vip", "madrid"))
                .body("data.createContact.source.utmSource", equalTo("newsletter"))
                .body("data.createContact.company.name", equalTo("Acme Ibérica"))
                .body("data.createContact.properties", equalTo("""
                        {"plan":"pro","seats":3}"""))
                .body("data.createContact.version", equalTo(0));
        String id = created.extract().path("data.createContact.id");

        graphql(CONTACT, Map.of("id", id))
                .body("errors", nullValue())
                .body("data.contact.id", equalTo(id))
                .body("data.contact.firstName", equalTo("José"))
                .body("data.contact.company.id", equalTo(company))
                .body("data.contact.archivedAt", nullValue());
        admin(tenant).when().get("/v1/contacts/" + id).then().statusCode(200).body("email", equalTo("jose.garcia@acme.es"));

        graphql(UPDATE, vars("id", id, "input", Map.of("lastName", "Ruiz", "properties", """
                {"seats":5}"""), "clear", List.of("phone"), "expectedVersion", 0))
                .body("errors", nullValue())
                .body("data.updateContact.firstName", equalTo("José"))
                .body("data.updateContact.lastName", equalTo("Ruiz"))
                .body("data.updateContact.phone", nullValue())
                .body("data.updateContact.email", equalTo("jose.garcia@acme.es"))
                .body("data.updateContact.properties", equalTo("""
                        {"plan":"pro","seats":5}"""))
                .body("data.updateContact.version", equalTo(1));

        graphql(DELETE, Map.of("id", id)).body("errors", nullValue()).body("data.deleteContact", equalTo(true));
        graphql(CONTACT, Map.of("id", id)).body("data.contact.archivedAt", notNullValue());
        graphql(CONTACTS, Map.of()).body("data.contacts.edges", empty());
        admin(tenant).when().get("/v1/events?types=contact.*").then().statusCode(200)
                .body("data.type", contains("contact.created", "contact.updated", "contact.archived"));
    }

    @Test
    void pagesThroughAllContactsWithEndCursor() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            emails.add("page" + i + "@example.com");
        }
        contacts(emails.stream().map(e -> Map.<String, Object>of("email", e)).toList());

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            ValidatableResponse page = graphql(CONTACTS, vars("first", 3, "after", after, "sort", List.of("email")))
                    .body("errors", nullValue());
            List<String> edges = page.extract().path("data.contacts.edges.node.email");
            List<String> cursors = page.extract().path("data.contacts.edges.cursor");
            seen.addAll(edges);
            more = page.extract().path("data.contacts.pageInfo.hasNextPage");
            after = page.extract().path("data.contacts.pageInfo.endCursor");
            assertEquals(cursors.get(cursors.size() - 1), after, "endCursor is the cursor of the page's last edge");
            assertTrue(++pages <= 3, "more pages than contacts allow");
        }
        assertEquals(3, pages);
        assertEquals(emails, seen);

        graphql(CONTACTS, vars("first", 3, "after", after, "sort", List.of("email")))
                .body("data.contacts.edges", empty())
                .body("data.contacts.pageInfo.hasNextPage", equalTo(false));
    }

    @Test
    void continuesAfterAnyEdgesCursor() {
        contacts(List.of(Map.of("email", "one@example.com"), Map.of("email", "two@example.com"),
                Map.of("email", "three@example.com")));
        String second = graphql(CONTACTS, vars("first", 3)).extract().path("data.contacts.edges[1].cursor");
        graphql(CONTACTS, vars("first", 3, "after", second))
                .body("data.contacts.edges.node.email", contains("three@example.com"))
                .body("data.contacts.pageInfo.hasNextPage", equalTo(false));
    }

    @Test
    void aStructuredWhereFindsWhatTheScimFilterFinds() {
        contacts(List.of(
                Map.of("email", "ana@acme.es", "lastName", "García", "lifecycleStage", "mql"),
                Map.of("email", "bea@other.com", "lastName", "Gómez", "lifecycleStage", "mql"),
                Map.of("email", "carla@other.com", "lastName", "Pérez", "lifecycleStage", "mql"),
                Map.of("email", "dani@acme.es", "lastName", "López", "lifecycleStage", "lead"),
                Map.of("email", "eva@other.com", "lifecycleStage", "customer")));

        Map<String, Object> where = Map.of("and", List.of(
                Map.of("field", "lifecycleStage", "op", "EQ", "value", "mql"),
                Map.of("or", List.of(
                        Map.of("field", "email", "op", "EW", "value", "@acme.es"),
                        Map.of("not", Map.of("field", "lastName", "op", "SW", "value", "G"))))));
        String filter = "lifecycleStage eq \"mql\" and (email ew \"@acme.es\" or not (lastName sw \"G\"))";
        assertSameContacts(where, filter, "ana@acme.es", "carla@other.com");

        assertSameContacts(Map.of("not", Map.of("field", "lastName", "op", "PR")), "not (lastName pr)", "eva@other.com");
        assertSameContacts(Map.of("or", List.of(Map.of("field", "lifecycleStage", "op", "NE", "value", "mql"),
                Map.of("field", "email", "op", "CO", "value", "bea"))), "lifecycleStage ne \"mql\" or email co \"bea\"",
                "bea@other.com", "dani@acme.es", "eva@other.com");

        graphql(CONTACTS, Map.of("where", Map.of("field", "email", "op", "EW", "value", "@acme.es"),
                "filter", "lifecycleStage eq \"lead\""))
                .body("data.contacts.edges.node.email", contains("dani@acme.es"));
    }

    @Test
    void nestsCompanyAndTheCompanysContacts() {
        String acme = company("Acme", "acme.es");
        contacts(List.of(Map.of("email", "a1@acme.es", "companyId", acme), Map.of("email", "a2@acme.es", "companyId", acme),
                Map.of("email", "a3@acme.es", "companyId", acme), Map.of("email", "loner@example.com")));

        graphql("""
                query Nested($first: Int) {
                  contacts(sort: ["email"]) {
                    edges { node { email company { name contacts(first: $first) { email } } } }
                  }
                }
                """, Map.of("first", 2))
                .body("errors", nullValue())
                .body("data.contacts.edges.node.email", contains("a1@acme.es", "a2@acme.es", "a3@acme.es", "loner@example.com"))
                .body("data.contacts.edges[0].node.company.name", equalTo("Acme"))
                .body("data.contacts.edges[0].node.company.contacts.email", contains("a1@acme.es", "a2@acme.es"))
                .body("data.contacts.edges[3].node.company", nullValue());
    }

    @Test
    void resolvesNestedFieldsInAConstantNumberOfStatements() {
        List<Map<String, Object>> people = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            String company = company("Company " + c, "company" + c + ".example.com");
            for (int p = 0; p < 4; p++) {
                people.add(Map.of("email", "p" + p + "@company" + c + ".example.com", "companyId", company));
            }
        }
        contacts(people);
        String query = """
                query Nested($first: Int) {
                  contacts(first: $first) {
                    edges { node { email company { name contacts(first: 10) { email } } } }
                  }
                }
                """;

        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        // a first list warms the tenant's cached policies (access, property definitions, bulk-read thresholds)
        graphql(query, Map.of("first", 1)).body("errors", nullValue());
        statistics.clear();
        graphql(query, Map.of("first", 5)).body("errors", nullValue()).body("data.contacts.edges", hasSize(5));
        long forFive = statistics.getPrepareStatementCount();
        org.junit.jupiter.api.Assertions.assertTrue(forFive > 0, "no statement counted, so the comparison below would prove nothing");

        statistics.clear();
        ValidatableResponse twenty = graphql(query, Map.of("first", 20))
                .body("errors", nullValue())
                .body("data.contacts.edges", hasSize(20))
                .body("data.contacts.edges.node.company.contacts", everyItem(hasSize(4)));
        long forTwenty = statistics.getPrepareStatementCount();

        List<String> emails = twenty.extract().path("data.contacts.edges.node.email");
        List<List<String>> colleagues = twenty.extract().path("data.contacts.edges.node.company.contacts.email");
        for (int i = 0; i < emails.size(); i++) {
            assertTrue(colleagues.get(i).contains(emails.get(i)), emails.get(i) + " is among its company's contacts");
        }
        assertTrue(forTwenty <= 4, forTwenty + " statements for 20 contacts with their companies and colleagues");
        assertEquals(forFive, forTwenty, "statements for 5 contacts vs for 20");
    }

    @Test
    void errorsCarryACodeAndPlainWords() {
        String id = contact(Map.of("email", "taken@example.com"));
        String otherTenants = admin(newTenant()).body(Map.of("email", "theirs@example.com")).when().post("/v1/contacts")
                .then().statusCode(201).extract().path("id");

        expectError(graphql(CONTACT, Map.of("id", UUID.randomUUID().toString())), "contact", "NOT_FOUND");
        expectError(graphql(CONTACT, Map.of("id", "42")), "contact", "VALIDATION")
                .body("errors[0].extensions.errors.field", hasItem("id"));
        expectError(graphql(CONTACT, Map.of("id", otherTenants)), "contact", "NOT_FOUND");
        expectError(graphql(UPDATE, Map.of("id", otherTenants, "input", Map.of("firstName", "Mallory"))), "updateContact", "NOT_FOUND");
        expectError(graphql(DELETE, Map.of("id", otherTenants)), "deleteContact", "NOT_FOUND");

        expectError(graphql(CREATE, Map.of("input", Map.of("email", "not an email"))), "createContact", "VALIDATION")
                .body("errors[0].extensions.errors.field", hasItem("email"));
        expectError(graphql(CREATE, Map.of("input", Map.of("email", "p@example.com", "properties", "[1,2]"))), "createContact", "VALIDATION")
                .body("errors[0].extensions.errors.field", hasItem("properties"));
        expectError(graphql(CREATE, Map.of("input", Map.of("companyId", UUID.randomUUID().toString()))), "createContact", "VALIDATION")
                .body("errors[0].extensions.errors.field", hasItem("companyId"));
        expectError(graphql(CONTACTS, Map.of("where", Map.of("field", "shoeSize", "op", "EQ", "value", "42"))), "contacts", "VALIDATION");
        expectError(graphql(CONTACTS, Map.of("where", Map.of("field", "email", "op", "EQ", "value", "x@example.com",
                "not", Map.of("field", "email", "op", "PR")))), "contacts", "VALIDATION");
        expectError(graphql(CONTACTS, Map.of("filter", "email eq")), "contacts", "VALIDATION");
        expectError(graphql(CONTACTS, Map.of("first", 500)), "contacts", "VALIDATION");
        expectError(graphql(CONTACTS, Map.of("after", "not-a-cursor")), "contacts", "VALIDATION");

        expectError(graphql(CREATE, Map.of("input", Map.of("email", "Taken@Example.com"))), "createContact", "CONFLICT")
                .body("errors[0].extensions.errors.field", hasItem("email"));
        expectError(graphql(UPDATE, vars("id", id, "input", Map.of("firstName", "Typo"), "clear", List.of("emial"))),
                "updateContact", "VALIDATION")
                .body("errors[0].extensions.errors.field", hasItem("clear"));
        expectError(graphql(UPDATE, vars("id", id, "input", Map.of("firstName", "Late"), "expectedVersion", 7)),
                "updateContact", "PRECONDITION_FAILED");
        expectError(GraphQL.as(Tokens.readonly(tenant), DELETE, Map.of("id", id)), "deleteContact", "FORBIDDEN");

        graphql(CONTACT, Map.of("id", id)).body("data.contact.version", equalTo(0)).body("data.contact.archivedAt", nullValue());
    }

    @Test
    void aNestedFirstOutOfRangeFailsThatFieldOnly() {
        company("Acme", "acme.es");
        graphql("""
                query { companies { edges { node { name contacts(first: 0) { email } } } } }
                """, Map.of())
                .body("data.companies.edges[0].node.name", equalTo("Acme"))
                .body("data.companies.edges[0].node.contacts", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].path", contains("companies", "edges", 0, "node", "contacts"))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void refusesAQueryDeeperThanTheLimit() {
        String acme = company("Acme", "acme.es");
        contact(Map.of("email", "deep@acme.es", "companyId", acme));
        graphql("""
                query AtTheLimit {
                  contacts { edges { node { company { contacts { company { contacts { email } } } } } } }
                }
                """, Map.of())
                .body("errors", nullValue())
                .body("data.contacts.edges[0].node.company.contacts[0].company.contacts[0].email", equalTo("deep@acme.es"));

        graphql("""
                query TooDeep {
                  contacts { edges { node { company { contacts { company { contacts { company { name } } } } } } } }
                }
                """, Map.of())
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", containsString("depth"))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    /** The GraphQL input offers every field the REST one does (GraphQLWriteInputsTest): a time zone set here reads back over REST. */
    @Test
    void createAndUpdateTakeTheContactsTimeZone() {
        String id = graphql(CREATE, Map.of("input", Map.of("firstName", "Ana", "timeZone", "Europe/Madrid")))
                .body("errors", nullValue()).extract().path("data.createContact.id");
        admin(tenant).when().get("/v1/contacts/" + id).then().statusCode(200).body("timeZone", equalTo("Europe/Madrid"));

        graphql(UPDATE, vars("id", id, "input", Map.of("timeZone", "America/Lima"))).body("errors", nullValue());
        admin(tenant).when().get("/v1/contacts/" + id).then().statusCode(200).body("timeZone", equalTo("America/Lima"));
    }

    // --- fixtures and helpers ---

    private ValidatableResponse graphql(String document, Map<String, ?> variables) {
        return GraphQL.as(Tokens.admin(tenant), document, variables).statusCode(200);
    }


    private String company(String name, String domain) {
        return admin(tenant).body(Map.of("name", name, "domain", domain)).when().post("/v1/companies")
                .then().statusCode(201).extract().path("id");
    }

    private String contact(Map<String, Object> fields) {
        return admin(tenant).body(fields).when().post("/v1/contacts").then().statusCode(201).extract().path("id");
    }

    /** Creates the contacts in one batch, in order, and checks each was created. */
    private void contacts(List<Map<String, Object>> items) {
        List<String> statuses = admin(tenant).body(Map.of("matchOn", "email", "items", items))
                .when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200).extract().path("results.status");
        assertEquals(new HashSet<>(List.of("created")), new HashSet<>(statuses), statuses.toString());
        assertEquals(items.size(), statuses.size());
    }

    private void assertSameContacts(Map<String, Object> where, String filter, String... expected) {
        List<String> byWhere = graphql(CONTACTS, Map.of("where", where)).body("errors", nullValue())
                .extract().path("data.contacts.edges.node.email");
        List<String> byFilter = graphql(CONTACTS, Map.of("filter", filter)).body("errors", nullValue())
                .extract().path("data.contacts.edges.node.email");
        List<String> byRest = admin(tenant).queryParam("filter", filter).when().get("/v1/contacts")
                .then().statusCode(200).extract().path("data.email");
        org.hamcrest.MatcherAssert.assertThat(byWhere, containsInAnyOrder((Object[]) expected));
        assertEquals(byFilter, byWhere, "where vs filter");
        assertEquals(byRest, byWhere, "where vs REST filter");
    }
}
