package dev.torre.company;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** /v1/companies and /v1/companies/{id}: create, read, merge patch, archive and restore. */
@QuarkusTest
class CompanyResourceTest {

    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    private final String tenant = newTenant();

    @Test
    void answersCreatedWithLocationETagAndTheNormalisedCompany() {
        Response created = admin(tenant).body("""
                {"name":"  Acme Ibérica ","domain":"ACME.es","industry":"Retail","sizeBand":"51-200","tier":"gold",
                 "externalId":"crm-7","properties":{"arr":1200,"segment":"smb"}}
                """).when().post("/v1/companies");

        String id = created.then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("name", equalTo("Acme Ibérica"))
                .body("domain", equalTo("acme.es"))
                .body("industry", equalTo("Retail"))
                .body("sizeBand", equalTo("51-200"))
                .body("tier", equalTo("gold"))
                .body("externalId", equalTo("crm-7"))
                .body("properties", equalTo(Map.of("arr", 1200, "segment", "smb")))
                .body("version", equalTo(0))
                .extract().path("id");
        created.then().header("Location", endsWith("/v1/companies/" + id));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"domain":"acme.es"}                      | name
            {"name":"  "}                             | name
            {"name":"Acme","domain":"not a domain"}   | domain
            {"name":"Acme","tier":"diamond"}          | tier
            {"name":"Acme","sizeBand":"2-3"}          | sizeBand
            {"name":"Acme","employees":12}            | employees""")
    void refusesAnInvalidCompanyNamingTheField(String body, String field) {
        admin(tenant).body(body).when().post("/v1/companies")
                .then().spec(problem(400)).body("errors[0].field", equalTo(field));
    }

    @Test
    void readsACompanyAndAnswersNotModifiedForItsCurrentETag() {
        String id = company(Bodies.company().name("Acme"));

        admin(tenant).when().get("/v1/companies/{id}", id)
                .then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo("Acme"));
        admin(tenant).header("If-None-Match", "\"0\"").when().get("/v1/companies/{id}", id)
                .then().statusCode(304).body(emptyString());
    }

    @Test
    void mergesAPatchAndCustomPropertiesKeyByKey() {
        String id = company(Bodies.company().name("Acme").tier("gold").properties(Map.of("arr", 1200, "segment", "smb")));

        admin(tenant).contentType(MERGE_PATCH).body(Bodies.company().tier(null).industry("Retail").properties(nullable("arr", 1500, "segment", null)).build())
                .when().patch("/v1/companies/{id}", id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo("Acme"))
                .body("tier", nullValue())
                .body("industry", equalTo("Retail"))
                .body("properties", equalTo(Map.of("arr", 1500)));
    }

    @Test
    void keepsTheVersionWhenAPatchChangesNothing() {
        String id = company(Bodies.company().name("Acme").domain("acme.es"));

        admin(tenant).body(Bodies.company().name("Acme").domain("ACME.ES").build()).when().patch("/v1/companies/{id}", id)
                .then().statusCode(200).header("ETag", "\"0\"");
    }

    @Test
    void refusesAStaleIfMatchAndChangesNothing() {
        String id = company(Bodies.company().name("Acme"));
        admin(tenant).body(Bodies.company().name("Acme Corp").build()).when().patch("/v1/companies/{id}", id).then().statusCode(200);

        admin(tenant).header("If-Match", "\"0\"").body(Bodies.company().name("Globex").build()).when().patch("/v1/companies/{id}", id)
                .then().spec(problem(412));
        admin(tenant).when().get("/v1/companies/{id}", id).then().header("ETag", "\"1\"").body("name", equalTo("Acme Corp"));
    }

    @Test
    void refusesASecondCompanyWithTheSameDomain() {
        company(Bodies.company().name("Acme").domain("acme.es"));

        admin(tenant).body(Bodies.company().name("Acme Two").domain("Acme.ES").build()).when().post("/v1/companies")
                .then().spec(problem(409)).body("errors[0].field", equalTo("domain"));
    }

    @Test
    void refusesASecondCompanyWithTheSameExternalId() {
        company(Bodies.company().name("Acme").externalId("crm-7"));

        admin(tenant).body(Bodies.company().name("Globex").externalId("crm-7").build()).when().post("/v1/companies")
                .then().spec(problem(409)).body("errors[0].field", equalTo("externalId"));
    }

    @Test
    void archivingHidesTheCompanyFromListsAndRestoringBringsItBack() {
        String acme = company(Bodies.company().name("Acme"));
        String globex = company(Bodies.company().name("Globex"));

        admin(tenant).when().delete("/v1/companies/{id}", acme).then().statusCode(204);
        admin(tenant).when().delete("/v1/companies/{id}", acme).then().statusCode(204);
        assertThat(Seed.ids(tenant, "companies"), contains(globex));
        admin(tenant).when().get("/v1/companies/{id}", acme).then().statusCode(200).body("archivedAt", notNullValue());
        admin(tenant).body(Bodies.company().name("Acme Corp").build()).when().patch("/v1/companies/{id}", acme).then().spec(problem(409));

        admin(tenant).when().post("/v1/companies/{id}/restore", acme)
                .then().statusCode(200).body("archivedAt", nullValue());
        assertThat(Seed.ids(tenant, "companies"), contains(acme, globex));
    }

    @Test
    void theDomainOfAnArchivedCompanyCanBeUsedAgain() {
        String old = company(Bodies.company().name("Acme").domain("acme.es"));
        admin(tenant).when().delete("/v1/companies/{id}", old).then().statusCode(204);

        admin(tenant).body(Bodies.company().name("Acme Nueva").domain("acme.es").build()).when().post("/v1/companies")
                .then().statusCode(201).body("domain", equalTo("acme.es"));
    }

    @Test
    void answersNotFoundForAnUnknownCompany() {
        String unknown = "01900000-0000-7000-8000-000000000000";

        admin(tenant).when().get("/v1/companies/{id}", unknown).then().spec(problem(404));
        admin(tenant).body(Bodies.company().name("X").build()).when().patch("/v1/companies/{id}", unknown).then().spec(problem(404));
        admin(tenant).when().delete("/v1/companies/{id}", unknown).then().spec(problem(404));
        admin(tenant).when().post("/v1/companies/{id}/restore", unknown).then().spec(problem(404));
    }

    private String company(Bodies.Company company) {
        return Seed.create(tenant, "companies", company.build());
    }

    /** Two entries, nulls allowed (Map.of refuses them; a merge patch needs them). */
    private static Map<String, Object> nullable(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
