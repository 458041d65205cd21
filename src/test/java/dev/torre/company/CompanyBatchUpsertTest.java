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

import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /v1/companies/batch/upsert: match on externalId, domain or id. */
@QuarkusTest
class CompanyBatchUpsertTest {

    private final String tenant = newTenant();

    private ValidatableResponse upsert(String matchOn, String items) {
        return admin(tenant).body("{\"matchOn\":\"" + matchOn + "\",\"items\":" + items + "}")
                .when().post("/v1/companies/batch/upsert").then();
    }

    @Test
    void createsThenUpdatesMatchingOnExternalId() {
        String acme = upsert("externalId", "[{\"externalId\":\"erp-1\",\"name\":\"Acme\"}]").statusCode(200)
                .body("results.status", contains("created")).extract().path("results[0].id");

        upsert("externalId", "[{\"externalId\":\"erp-1\",\"tier\":\"gold\"},{\"externalId\":\"erp-2\",\"name\":\"Globex\"}]")
                .statusCode(200)
                .body("results.status", contains("updated", "created"))
                .body("results[0].id", equalTo(acme));
        admin(tenant).when().get("/v1/companies/{id}", acme).then().body("name", equalTo("Acme")).body("tier", equalTo("gold"));
    }

    @Test
    void matchesOnDomainWhateverItsCase() {
        String acme = Seed.company(tenant, "{\"name\":\"Acme\",\"domain\":\"acme.es\"}");

        upsert("domain", "[{\"domain\":\"ACME.es\",\"industry\":\"Retail\"},{\"domain\":\"globex.com\",\"name\":\"Globex\"}]")
                .statusCode(200)
                .body("results.status", contains("updated", "created"))
                .body("results[0].id", equalTo(acme));
        admin(tenant).when().get("/v1/companies/{id}", acme).then().body("industry", equalTo("Retail"));
    }

    @Test
    void matchesOnIdAndReportsAnUnknownIdAsNotFound() {
        String acme = Seed.company(tenant, "{\"name\":\"Acme\"}");

        upsert("id", "[{\"id\":\"" + acme + "\",\"name\":\"Acme Corp\"},{\"id\":\"01900000-0000-7000-8000-000000000000\",\"name\":\"X\"}]")
                .statusCode(200)
                .body("results.status", contains("updated", "error"))
                .body("results[1].error.status", equalTo(404));
        admin(tenant).when().get("/v1/companies/{id}", acme).then().body("name", equalTo("Acme Corp"));
    }

    @Test
    void aBadItemFailsAloneWhileTheOthersAreWritten() {
        Seed.company(tenant, "{\"name\":\"Taken\",\"domain\":\"taken.es\"}");

        upsert("externalId", """
                [{"externalId":"erp-1","name":"Acme","domain":"acme.es"},
                 {"externalId":"erp-2","name":"Bad Tier","tier":"diamond"},
                 {"externalId":"erp-3","name":"Acme Twin","domain":"acme.es"},
                 {"externalId":"erp-4","name":"Taker","domain":"TAKEN.es"},
                 {"externalId":"erp-5"},
                 {"name":"No Key"},
                 {"externalId":"erp-6","name":"Globex"}]
                """).statusCode(200)
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
        upsert("email", "[{\"email\":\"a@acme.es\",\"name\":\"Acme\"}]")
                .spec(problem(400)).body("errors[0].field", equalTo("matchOn"));
        assertThat(Seed.ids(tenant, "companies"), empty());
    }
}
