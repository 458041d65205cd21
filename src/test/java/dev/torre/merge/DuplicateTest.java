package dev.torre.merge;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Drain;

import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** Duplicate candidates: scored by normalised e-mail, E.164 phone, accent- and case-insensitive name, same company; with the signals that matched. */
@QuarkusTest
class DuplicateTest {

    private final String tenant = newTenant();

    @Inject
    DuplicateWorker worker;

    @Test
    void scoresContactsByEmailPhoneNameAndCompanyAndSaysWhichMatched() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme").build());
        String jose = Seed.contact(tenant, Bodies.contact().firstName("José").lastName("García")
                .email("Jose.Garcia+shop@gmail.com").phone("+34 612 345 678").companyId(acme).build());
        String twin = Seed.contact(tenant, Bodies.contact().firstName("JOSE").lastName("garcia")
                .email("josegarcia@gmail.com").companyId(acme).build());
        String samePhone = Seed.contact(tenant, Bodies.contact().firstName("Ana").lastName("Ruiz").phone("+34612345678").build());
        String stranger = Seed.contact(tenant, Bodies.contact().firstName("Pedro").lastName("López").email("pedro@acme.es").build());

        admin(tenant).when().get("/v1/contacts/{id}/duplicates", jose).then().statusCode(200)
                .body("id", contains(twin, samePhone))
                .body("[0].signals", contains("email", "name", "company"))
                .body("[0].score", equalTo(1.0f))
                .body("[0].name", equalTo("JOSE garcia"))
                .body("[1].signals", contains("phone"))
                .body("id", not(hasItem(stranger)));
        admin(tenant).when().get("/v1/contacts/{id}/duplicates", stranger).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void scoresCompaniesByNameAndDomain() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme Ibérica").domain("acme.es").build());
        String twin = Seed.company(tenant, Bodies.company().name("ACME Iberica").build());
        String www = Seed.company(tenant, Bodies.company().name("Zeta").domain("www.acme.es").build());
        Seed.company(tenant, Bodies.company().name("Beta Logistics").build());
        admin(tenant).when().get("/v1/companies/{id}/duplicates", acme).then().statusCode(200)
                .body("id", containsInAnyOrder(twin, www))
                .body("find { it.id == '" + twin + "' }.signals", contains("name"))
                .body("find { it.id == '" + www + "' }.signals", contains("domain"));
    }

    @Test
    void listsTheTenantsLikeliestPairsBestFirst() {
        String a = Seed.contact(tenant, Bodies.contact().firstName("María").lastName("Pérez").email("maria@x.es").build());
        String b = Seed.contact(tenant, Bodies.contact().firstName("Maria").lastName("Perez").email("MARIA+news@x.es").build());
        String c = Seed.contact(tenant, Bodies.contact().firstName("Mario").lastName("Pérez").build());
        Drain.untilIdle(() -> worker.catchUp(tenant));
        admin(tenant).queryParam("objectType", "contact").when().get("/v1/duplicates").then().statusCode(200)
                .body("[0].id", equalTo(a)).body("[0].otherId", equalTo(b))
                .body("[0].signals", contains("email", "name"))
                .body("size()", greaterThan(0));
        admin(tenant).queryParam("objectType", "planet").when().get("/v1/duplicates").then().spec(Problems.problem(400));
        admin(tenant).queryParam("objectType", "contact").queryParam("limit", "0").when().get("/v1/duplicates").then()
                .spec(Problems.problem(400));
        admin(newTenant()).when().get("/v1/contacts/{id}/duplicates", c).then().spec(Problems.problem(404));
    }
}
