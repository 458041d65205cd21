package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** POST /v1/contacts/search: free text that ignores accents and case, with filter, sort and paging. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactSearchTest {

    private final String tenant = newTenant();

    private boolean seeded;

    /** Once for the class; REST Assured knows the test port only from the first test on. */
    @BeforeEach
    void fourPeopleWithSpanishNames() {
        if (seeded) {
            return;
        }
        seeded = true;
        Seed.contact(tenant, Bodies.contact().firstName("José").lastName("García").lifecycleStage("customer"));
        Seed.contact(tenant, Bodies.contact().firstName("María").lastName("Garcia").email("maria@acme.es").phone("612 345 678"));
        Seed.contact(tenant, Bodies.contact().firstName("Juan").lastName("Pérez"));
        Seed.contact(tenant, Bodies.contact().firstName("Jose Luis").lastName("Gargallo").lifecycleStage("customer"));
    }

    @ParameterizedTest(name = "q={0}")
    @CsvSource(delimiter = '|', value = {
            "jose        | José, Jose Luis",
            "JOSÉ        | José, Jose Luis",
            "GARCIA      | José, María",
            "garcía      | José, María",
            "gar         | José, María, Jose Luis",
            "perez       | Juan",
            "jose garcia | José" })
    void findsWordsRegardlessOfAccentsAndCaseAndByTheirStart(String q, String firstNames) {
        admin(tenant).body(Bodies.search().q(q).build()).when().post("/v1/contacts/search")
                .then().statusCode(200).body("data.firstName", containsInAnyOrder(firstNames.split(",\\s*")));
    }

    @Test
    void findsAContactByEmailAddressDomainOrPhone() {
        for (String q : new String[] { "maria@acme.es", "acme", "acme.es", "612 345 678", "+34 612", "612345" }) {
            admin(tenant).body(Bodies.search().q(q).build()).when().post("/v1/contacts/search")
                    .then().statusCode(200).body("data.firstName", contains("María"));
        }
    }

    @Test
    void findsNothingForAWordNobodyHas() {
        admin(tenant).body(Bodies.search().q("zapatero").build()).when().post("/v1/contacts/search")
                .then().statusCode(200).body("data", empty()).body("next", nullValue());
    }

    @Test
    void combinesTextWithAFilterAndASort() {
        admin(tenant).body(Bodies.search().q("gar").filter("lifecycleStage eq \"customer\"").sort("-lastName").build()).when().post("/v1/contacts/search")
                .then().statusCode(200).body("data.firstName", contains("Jose Luis", "José"));
    }

    @Test
    void pagesThroughTheMatchesWithTheNextCursor() {
        String next = admin(tenant).body(Bodies.search().q("gar").sort("createdAt").limit(2).build()).when().post("/v1/contacts/search")
                .then().statusCode(200).body("data.firstName", contains("José", "María")).body("next", notNullValue())
                .extract().path("next");

        admin(tenant).body(Bodies.search().q("gar").sort("createdAt").limit(2).cursor(next).build())
                .when().post("/v1/contacts/search")
                .then().statusCode(200).body("data.firstName", contains("Jose Luis")).body("next", nullValue());
    }

    @Test
    void refusesAnUnknownBodyField() {
        admin(tenant).body(Bodies.search().q("jose").with("query", "jose").build()).when().post("/v1/contacts/search")
                .then().spec(problem(400)).body("errors[0].field", equalTo("query"));
    }

    @Test
    void refusesTextWithoutALetterOrDigit() {
        admin(tenant).body(Bodies.search().q("?¡!... --").build()).when().post("/v1/contacts/search")
                .then().spec(problem(400)).body("errors[0].field", equalTo("q"));
    }

    @Test
    void refusesAnUnknownQueryParameter() {
        admin(tenant).queryParam("limit", 2).body(Bodies.search().q("jose").build()).when().post("/v1/contacts/search")
                .then().spec(problem(400)).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void refusesAMissingBody() {
        admin(tenant).when().post("/v1/contacts/search").then().spec(problem(400));
    }
}
