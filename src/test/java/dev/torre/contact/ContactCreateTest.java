package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.etag;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** POST /v1/contacts: what a new contact looks like, and which ones are refused. */
@QuarkusTest
class ContactCreateTest {

    private final String tenant = newTenant();

    @Test
    void answersCreatedWithTheLocationOfTheContactAndTheFirstETag() {
        Response created = admin(tenant).body("""
                {"firstName":"Ana","lastName":"Ruiz"}
                """).when().post("/v1/contacts");

        String id = created.then().statusCode(201)
                .header("ETag", etag(0))
                .body("version", equalTo(0))
                .body("archivedAt", nullValue())
                .extract().path("id");
        created.then().header("Location", endsWith("/v1/contacts/" + id));
        admin(tenant).when().get(created.header("Location"))
                .then().statusCode(200).body("id", equalTo(id)).body("firstName", equalTo("Ana"));
    }

    @Test
    void storesAnInternationalPhoneNumberInE164() {
        admin(tenant).body("""
                {"firstName":"Oliver","phone":"+44 20 7946 0958"}
                """).when().post("/v1/contacts")
                .then().statusCode(201).body("phone", equalTo("+442079460958"));
    }

    @Test
    void startsAsALeadUnlessAStageIsGiven() {
        admin(tenant).body(Bodies.contact().firstName("Ana").build()).when().post("/v1/contacts")
                .then().statusCode(201).body("lifecycleStage", equalTo("lead"));
        admin(tenant).body(Bodies.contact().firstName("Bruno").lifecycleStage("customer").build()).when().post("/v1/contacts")
                .then().statusCode(201).body("lifecycleStage", equalTo("customer"));
    }

    @Test
    void keepsEachTagOnceTrimmedInTheOrderGiven() {
        admin(tenant).body("""
                {"firstName":"Ana","tags":["vip"," newsletter ","vip"]}
                """).when().post("/v1/contacts")
                .then().statusCode(201).body("tags", contains("vip", "newsletter"));
    }

    @Test
    void startsWithNoTagsAndNoPropertiesWhenNoneAreGiven() {
        admin(tenant).body(Bodies.contact().firstName("Ana").build()).when().post("/v1/contacts")
                .then().statusCode(201).body("tags", empty()).body("properties", equalTo(Map.of()));
    }

    @Test
    void keepsCustomPropertiesWithTheirJsonTypes() {
        admin(tenant).body("""
                {"firstName":"Ana","properties":{"plan":"pro","seats":5,"trial":false,"regions":["north","south"]}}
                """).when().post("/v1/contacts")
                .then().statusCode(201)
                .body("properties.plan", equalTo("pro"))
                .body("properties.seats", equalTo(5))
                .body("properties.trial", equalTo(false))
                .body("properties.regions", contains("north", "south"));
    }

    @Test
    void keepsTheAttributionSource() {
        admin(tenant).body("""
                {"firstName":"Ana","source":{"utmSource":"google","utmMedium":"cpc","utmCampaign":"spring"}}
                """).when().post("/v1/contacts")
                .then().statusCode(201)
                .body("source.utmSource", equalTo("google"))
                .body("source.utmMedium", equalTo("cpc"))
                .body("source.utmCampaign", equalTo("spring"));
    }

    @Test
    void refusesASecondContactWithTheSameEmailInAnyCase() {
        Seed.contactWithEmail(tenant, "ana@acme.es");

        admin(tenant).body(Bodies.contact().email(" ANA@Acme.es").build()).when().post("/v1/contacts")
                .then().spec(problem(409)).body("errors[0].field", equalTo("email"));
        admin(tenant).body(Bodies.contact().email("ana@acme.es").build()).when().post("/v1/contacts")
                .then().spec(problem(409)).body("errors[0].field", equalTo("email"));
        assertThat(Seed.ids(tenant, "contacts"), hasSize(1));
    }

    @Test
    void refusesASecondContactWithTheSameExternalId() {
        Seed.contact(tenant, Bodies.contact().externalId("shop-42"));

        admin(tenant).body(Bodies.contact().externalId("shop-42").email("other@acme.es").build()).when().post("/v1/contacts")
                .then().spec(problem(409)).body("errors[0].field", equalTo("externalId"));
    }

    @Test
    void refusesACompanyIdThatNamesNoCompany() {
        admin(tenant).body("""
                {"firstName":"Ana","companyId":"01900000-0000-7000-8000-000000000000"}
                """).when().post("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("companyId"));
        assertThat(Seed.ids(tenant, "contacts"), empty());
    }

    @Test
    void belongsToTheCompanyItNames() {
        String acme = Seed.company(tenant, Bodies.company().name("Acme"));

        admin(tenant).body(Bodies.contact().firstName("Ana").companyId(acme).build()).when().post("/v1/contacts")
                .then().statusCode(201).body("companyId", equalTo(acme));
    }
}
