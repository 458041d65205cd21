package dev.torre.company;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /v1/companies/batch/upsert: match on externalId, domain or id. */
@QuarkusTest
class CompanyBatchUpsertTest {

    private final String tenant = newTenant();

    private ValidatableResponse upsert(String matchOn, Bodies.Company... items) {
        return admin(tenant).body(Map.of("matchOn", matchOn, "items", Stream.of(items).map(Bodies.Company::build).toList()))
                .when().post("/v1/companies/batch/upsert").then();
    }

    @Test
    void createsThenUpdatesMatchingOnExternalId() {
        String acme = upsert("externalId", Bodies.company().externalId("erp-1").name("Acme")).statusCode(200)
                .body("results.status", contains("created")).extract().path("results[0].id");

        upsert("externalId", Bodies.company().externalId("erp-1").tier("gold"), Bodies.company().externalId("erp-2").name("Globex"))
                .statusCode(200)
                .body("results.status", contains("updated", "created"))
                .body("results[0].id", equalTo(acme));
        admin(tenant).when().get("/v1/companies/{id}", acme).then().body("name", equalTo("Acme")).body("tier", equalTo("gold"));
    }

    @Test
    void matchesOnDomainWhateverItsCase() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme").domain("acme.es").build());

        upsert("domain", Bodies.company().domain("ACME.es").industry("Retail"), Bodies.company().domain("globex.com").name("Globex"))
                .statusCode(200)
                .body("results.status", contains("updated", "created"))
                .body("results[0].id", equalTo(acme));
        admin(tenant).when().get("/v1/companies/{id}", acme).then().body("industry", equalTo("Retail"));
    }

    @Test
    void matchesOnIdAndReportsAnUnknownIdAsNotFound() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme").build());

        upsert("id", Bodies.company().with("id", acme).name("Acme Corp"),
                Bodies.company().with("id", "01900000-0000-7000-8000-000000000000").name("X"))
                .statusCode(200)
                .body("results.status", contains("updated", "error"))
                .body("results[1].error.status", equalTo(404));
        admin(tenant).when().get("/v1/companies/{id}", acme).then().body("name", equalTo("Acme Corp"));
    }

    @Test
    void aBadItemFailsAloneWhileTheOthersAreWritten() {
        Seed.company(tenant, Bodies.company().name("Taken").domain("taken.es").build());

        upsert("externalId",
                Bodies.company().externalId("erp-1").name("Acme").domain("acme.es"),
                Bodies.company().externalId("erp-2").name("Bad Tier").tier("diamond"),
                Bodies.company().externalId("erp-3").name("Acme Twin").domain("acme.es"),
                Bodies.company().externalId("erp-4").name("Taker").domain("TAKEN.es"),
                Bodies.company().externalId("erp-5"),
                Bodies.company().name("No Key"),
                Bodies.company().externalId("erp-6").name("Globex")).statusCode(200)
                .body("results.status", contains("created", "error", "error", "error", "error", "error", "created"))
                .body("results.collect { it.error?.status }", contains(null, 400, 409, 409, 400, 400, null))
                .body("results[1].error.errors[0].field", equalTo("tier"))
                .body("results[2].error.errors[0].field", equalTo("domain"))
                .body("results[3].error.errors[0].field", equalTo("domain"))
                .body("results[4].error.errors[0].field", equalTo("name"))
                .body("results[5].error.errors[0].field", equalTo("externalId"));
        List<String> names = admin(tenant).when().get("/v1/companies").then().extract().path("data.name");
        assertThat(names, containsInAnyOrder("Taken", "Acme", "Globex"));
    }

    @Test
    void refusesAMatchKeyCompaniesDoNotHave() {
        upsert("email", Bodies.company().with("email", "a@acme.es").name("Acme"))
                .spec(problem(400)).body("errors[0].field", equalTo("matchOn"));
        assertThat(Seed.ids(tenant, "companies"), empty());
    }
}
