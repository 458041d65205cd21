package dev.torre.company;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** GET /v1/companies and POST /v1/companies/search over four companies. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompanyListTest {

    private final String tenant = newTenant();

    private boolean seeded;

    /** Once for the class; REST Assured knows the test port only from the first test on. */
    @BeforeEach
    void fourCompanies() {
        if (seeded) {
            return;
        }
        seeded = true;
        Seed.company(tenant, Bodies.company().name("Acme Ibérica").domain("acme.es").tier("gold").sizeBand("51-200")
                .properties(Map.of("arr", 1200)).build());
        Seed.company(tenant, Bodies.company().name("Globex").domain("globex.com").tier("silver").industry("Energía")
                .properties(Map.of("arr", 300)).build());
        Seed.company(tenant, Bodies.company().name("Initech").tier("gold").sizeBand("1-10").build());
        Seed.company(tenant, Bodies.company().name("Umbrella").domain("umbrella.io").properties(Map.of("arr", 5000)).build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tier eq \"gold\"                           | Acme Ibérica, Initech",
            "tier eq \"gold\" and sizeBand eq \"1-10\"  | Initech",
            "domain ew \".com\" or domain ew \".io\"    | Globex, Umbrella",
            "domain eq \"ACME.ES\"                      | Acme Ibérica",
            "not (domain pr)                            | Initech",
            "properties.arr ge 1200                     | Acme Ibérica, Umbrella",
            "name sw \"g\"                              | Globex" })
    void filtersWithTheScimGrammar(String filter, String names) {
        admin(tenant).queryParam("filter", filter).when().get("/v1/companies")
                .then().statusCode(200).body("data.name", containsInAnyOrder(names.split(",\\s*")));
    }

    @Test
    void sortsAndPagesByName() {
        String next = admin(tenant).queryParam("sort", "-name").queryParam("limit", 3).when().get("/v1/companies")
                .then().statusCode(200).body("data.name", contains("Umbrella", "Initech", "Globex")).extract().path("next");

        admin(tenant).queryParam("sort", "-name").queryParam("limit", 3).queryParam("cursor", next).when().get("/v1/companies")
                .then().statusCode(200).body("data.name", contains("Acme Ibérica")).body("next", nullValue());
    }

    @Test
    void searchesNamesAndIndustriesIgnoringAccents() {
        admin(tenant).body(Map.of("q", "iberica")).when().post("/v1/companies/search")
                .then().statusCode(200).body("data.name", contains("Acme Ibérica"));
        admin(tenant).body(Map.of("q", "ENERGIA", "filter", "tier eq \"silver\"")).when().post("/v1/companies/search")
                .then().statusCode(200).body("data.name", contains("Globex"));
    }

    @Test
    void refusesAnUnknownFilterFieldAndAnUnknownParameter() {
        admin(tenant).queryParam("filter", "revenue gt 5").when().get("/v1/companies")
                .then().spec(problem(400)).body("errors[0].code", equalTo("unknown_field"));
        admin(tenant).queryParam("page", 2).when().get("/v1/companies")
                .then().spec(problem(400)).body("errors[0].field", equalTo("page"));
    }
}
