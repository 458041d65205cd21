package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** GET /v1/companies/{id}/contacts: the people of one company. */
@QuarkusTest
class CompanyContactsTest {

    private final String tenant = newTenant();

    private String contactOf(String company, String firstName, String lastName) {
        return Seed.contact(tenant, """
                {"firstName":"%s","lastName":"%s","companyId":"%s"}
                """.formatted(firstName, lastName, company));
    }

    @Test
    void listsOnlyThatCompanysActiveContacts() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme"));
        String globex = Seed.company(tenant, Bodies.company().name("Globex"));
        String ana = contactOf(acme, "Ana", "Ruiz");
        String bea = contactOf(acme, "Bea", "Soler");
        String gone = contactOf(acme, "Carla", "Vidal");
        contactOf(globex, "Dario", "Gómez");
        Seed.contact(tenant, "Eva", "Sin Empresa");
        admin(tenant).when().delete("/v1/contacts/{id}", gone).then().statusCode(204);

        admin(tenant).when().get("/v1/companies/{id}/contacts", acme)
                .then().statusCode(200)
                .body("data.id", containsInAnyOrder(ana, bea))
                .body("next", nullValue());
    }

    @Test
    void takesTheSameFilterSortAndPagingAsTheContactList() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme"));
        String ana = contactOf(acme, "Ana", "Ruiz");
        contactOf(acme, "Bea", "Soler");
        String carla = contactOf(acme, "Carla", "Ruiz");

        String next = admin(tenant).queryParam("filter", "lastName eq \"Ruiz\"").queryParam("sort", "-firstName")
                .queryParam("limit", 1)
                .when().get("/v1/companies/{id}/contacts", acme)
                .then().statusCode(200).body("data.id", contains(carla)).extract().path("next");
        admin(tenant).queryParam("filter", "lastName eq \"Ruiz\"").queryParam("sort", "-firstName")
                .queryParam("limit", 1).queryParam("cursor", next)
                .when().get("/v1/companies/{id}/contacts", acme)
                .then().statusCode(200).body("data.id", contains(ana)).body("next", nullValue());
    }

    @Test
    void answersNotFoundForAnUnknownCompany() {
        admin(tenant).when().get("/v1/companies/{id}/contacts", "01900000-0000-7000-8000-000000000000")
                .then().spec(problem(404));
    }

    @Test
    void refusesAnUnknownQueryParameter() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme"));

        admin(tenant).queryParam("curser", "x").when().get("/v1/companies/{id}/contacts", acme)
                .then().spec(problem(400)).body("errors[0].field", equalTo("curser"));
    }
}
