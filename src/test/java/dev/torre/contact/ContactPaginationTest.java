package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Keyset pagination of GET /v1/contacts: every contact exactly once, on any sort, and strict cursors. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactPaginationTest {

    private final String tenant = newTenant();
    private final List<String> all = new ArrayList<>();

    private boolean seeded;

    /** Once for the class; REST Assured knows the test port only from the first test on. */
    @BeforeEach
    void sevenContactsWithRepeatedAndMissingLastNames() {
        if (seeded) {
            return;
        }
        seeded = true;
        String[][] names = { { "Ana", "Ruiz" }, { "Bea", "Ruiz" }, { "Ceci", "Díaz" }, { "Dani", null },
                { "Eva", "Gómez" }, { "Fer", "Ruiz" }, { "Gil", null } };
        for (String[] name : names) {
            all.add(Seed.contact(tenant, name[0], name[1]));
        }
        admin(tenant).body(Bodies.contact().firstName("Cecilia").build()).when().patch("/v1/contacts/{id}", all.get(2)).then().statusCode(200);
    }

    private RequestSpecification list(String sort) {
        RequestSpecification request = admin(tenant);
        return sort.isEmpty() ? request : request.queryParam("sort", sort);
    }

    @ParameterizedTest(name = "sort=\"{0}\"")
    @ValueSource(strings = { "", "lastName", "-lastName", "-updatedAt,lastName", "lastName,-firstName", "-createdAt" })
    void pagesOfTwoShowEveryContactExactlyOnceInTheOrderOfOneBigPage(String sort) {
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = list(sort).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/v1/contacts").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("data.id"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(4, pages, "7 contacts in pages of 2; the last page says next: null");
        assertThat(paged, containsInAnyOrder(all.toArray()));
        List<String> onePage = list(sort).queryParam("limit", 200).when().get("/v1/contacts").then().extract().path("data.id");
        assertEquals(onePage, paged);
    }

    @Test
    void theLastPageHasNoNextEvenWhenItIsFull() {
        admin(tenant).queryParam("limit", 7).when().get("/v1/contacts")
                .then().statusCode(200).body("data", hasSize(7)).body("next", equalTo(null));
    }

    @Test
    void refusesACursorReusedWithAnotherSort() {
        String cursor = list("lastName").queryParam("limit", 2).when().get("/v1/contacts")
                .then().statusCode(200).body("next", notNullValue()).extract().path("next");

        list("-lastName").queryParam("limit", 2).queryParam("cursor", cursor).when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("cursor")).body("errors[0].code", equalTo("invalid_cursor"));
    }

    @Test
    void refusesACursorOfAnotherCollection() {
        String own = newTenant();
        Seed.company(own, Bodies.company().name("Acme"));
        Seed.company(own, Bodies.company().name("Globex"));
        String cursor = admin(own).queryParam("limit", 1).when().get("/v1/companies").then().extract().path("next");

        admin(tenant).queryParam("cursor", cursor).when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].code", equalTo("invalid_cursor"));
    }

    @ParameterizedTest(name = "cursor={0}")
    @ValueSource(strings = { "garbage", "eyJlIjoiY29udGFjdCJ9", "!!!", "eyJlIjoiY29udGFjdCIsInMiOiJpZCIsImsiOlsibm90LWEtdXVpZCJdfQ" })
    void refusesACursorItDidNotMake(String cursor) {
        admin(tenant).queryParam("cursor", cursor).when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].code", equalTo("invalid_cursor"));
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = { "0", "201", "-1", "abc", "99999999999", "1.5" })
    void refusesALimitOutside1To200(String limit) {
        admin(tenant).queryParam("limit", limit).when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void refusesAnUnknownQueryParameterRatherThanRestartingFromPageOne() {
        String cursor = list("").queryParam("limit", 2).when().get("/v1/contacts").then().extract().path("next");

        admin(tenant).queryParam("limit", 2).queryParam("curser", cursor).when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("curser"));
    }

    @Test
    void acceptsTheBoundaryLimits() {
        admin(tenant).queryParam("limit", 1).when().get("/v1/contacts").then().statusCode(200).body("data", hasSize(1));
        admin(tenant).queryParam("limit", 200).when().get("/v1/contacts").then().statusCode(200).body("data", hasSize(7));
    }
}
