package dev.torre.platform.tenancy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** A record of tenant A is, to tenant B, a record that does not exist. */
@QuarkusTest
class TenantWallsTest {

    private final String a = newTenant();
    private final String b = newTenant();
    private String company;
    private String contact;

    @BeforeEach
    void tenantAHasACompanyWithAContact() {
        company = Seed.company(a, Bodies.company().name("Acme").domain("acme.es").externalId("erp-1").build());
        contact = Seed.contact(a, Bodies.contact().firstName("Ana").lastName("Ruiz").email("ana@acme.es").externalId("shop-1")
                .companyId(company).build());
    }

    @Test
    void bCannotReadChangeArchiveOrRestoreAsContact() {
        admin(b).when().get("/v1/contacts/{id}", contact).then().spec(problem(404));
        admin(b).body(Bodies.contact().lastName("Robada").build()).when().patch("/v1/contacts/{id}", contact).then().spec(problem(404));
        admin(b).when().delete("/v1/contacts/{id}", contact).then().spec(problem(404));
        admin(b).when().post("/v1/contacts/{id}/restore", contact).then().spec(problem(404));

        admin(a).when().get("/v1/contacts/{id}", contact)
                .then().statusCode(200).header("ETag", "\"0\"").body("lastName", equalTo("Ruiz")).body("archivedAt", nullValue());
    }

    @Test
    void bCannotReadChangeArchiveOrRestoreAsCompany() {
        admin(b).when().get("/v1/companies/{id}", company).then().spec(problem(404));
        admin(b).body(Bodies.company().name("Robada").build()).when().patch("/v1/companies/{id}", company).then().spec(problem(404));
        admin(b).when().delete("/v1/companies/{id}", company).then().spec(problem(404));
        admin(b).when().post("/v1/companies/{id}/restore", company).then().spec(problem(404));
        admin(b).when().get("/v1/companies/{id}/contacts", company).then().spec(problem(404));

        admin(a).when().get("/v1/companies/{id}", company).then().statusCode(200).header("ETag", "\"0\"");
    }

    @Test
    void theAnswerToBIsTheSameAsForAnIdThatNeverExisted() {
        String foreign = admin(b).when().get("/v1/contacts/{id}", contact).then().extract().path("detail");
        String missing = admin(b).when().get("/v1/contacts/{id}", "01900000-0000-7000-8000-000000000000").then().extract().path("detail");

        assertThat(foreign.replace(contact, "<id>"), equalTo(missing.replace("01900000-0000-7000-8000-000000000000", "<id>")));
    }

    @Test
    void bCannotAttachItsContactToAsCompany() {
        admin(b).body(Bodies.contact().firstName("Bea").companyId(company).build()).when().post("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("companyId"));
    }

    @Test
    void bCannotReachAsRecordsThroughABatchMatchingOnId() {
        admin(b).body(Map.of("matchOn", "id", "items", List.of(Bodies.contact().with("id", contact).lastName("Robada").build())))
                .when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200).body("results[0].status", equalTo("error")).body("results[0].error.status", equalTo(404));
        admin(b).body(Map.of("matchOn", "id", "items", List.of(Bodies.company().with("id", company).name("Robada").build())))
                .when().post("/v1/companies/batch/upsert")
                .then().statusCode(200).body("results[0].status", equalTo("error")).body("results[0].error.status", equalTo(404));

        admin(a).when().get("/v1/contacts/{id}", contact).then().body("lastName", equalTo("Ruiz"));
        admin(a).when().get("/v1/companies/{id}", company).then().body("name", equalTo("Acme"));
    }

    @Test
    void asRecordsNeverAppearInBsListsOrSearch() {
        assertThat(Seed.ids(b, "contacts"), empty());
        assertThat(Seed.ids(b, "companies"), empty());
        admin(b).queryParam("filter", "email eq \"ana@acme.es\"").when().get("/v1/contacts").then().body("data", empty());
        admin(b).body(Map.of("q", "ana ruiz")).when().post("/v1/contacts/search").then().statusCode(200).body("data", empty());
        admin(b).body(Map.of("q", "acme")).when().post("/v1/companies/search").then().statusCode(200).body("data", empty());
    }

    @Test
    void bMayUseTheSameUniqueValuesAsAWithoutConflict() {
        String bCompany = Seed.company(b, Bodies.company().name("Acme B").domain("acme.es").externalId("erp-1").build());
        String bContact = Seed.contact(b, Bodies.contact().firstName("Ana B").email("ana@acme.es").externalId("shop-1").build());

        admin(b).body(Map.of("matchOn", "email", "items", List.of(Bodies.contact().email("ana@acme.es").lastName("De B").build())))
                .when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200).body("results[0].status", equalTo("updated")).body("results[0].id", equalTo(bContact));
        assertThat(Seed.ids(b, "companies"), contains(bCompany));
        admin(a).when().get("/v1/contacts/{id}", contact).then().body("lastName", equalTo("Ruiz"));
        assertThat(Seed.ids(a, "contacts"), not(contains(bContact)));
    }
}
