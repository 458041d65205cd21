package dev.torre.privacy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An access export is the person's complete copy, whoever submitted it, and only a caller whose roles hide nothing
 * may download it: a role that may not see a field can neither leave it out of the copy nor learn it from the copy.
 */
@QuarkusTest
class AccessExportFieldsTest {

    private static final String PHONE = "+34600123456";

    private final String tenant = newTenant();
    private String contact;
    private String legal;

    @BeforeEach
    void aContactWhosePhoneLegalMayNotSee() {
        contact = Seed.contact(tenant, Bodies.contact().firstName("Olga").email("olga@example.org").phone(PHONE).build());
        admin(tenant).body(Map.of("read", true, "write", false, "hiddenFields", List.of("phone")))
                .when().put("/v1/access-policy/legal/contact").then().statusCode(200);
        legal = Tokens.of(tenant, "legal", null);
        as(legal).when().get("/v1/contacts/{id}", contact).then().statusCode(200).body(not(containsString(PHONE)));
    }

    @Test
    void aRoleWithAHiddenFieldCannotDownloadAnExportThatHoldsIt() {
        String request = admin(tenant).body(Map.of("type", "access", "contactId", contact)).when().post("/v1/privacy/requests")
                .then().statusCode(202).extract().path("id");
        as(legal).when().get("/v1/privacy/requests/{id}/export", request).then().spec(problem(403))
                .body("errors[0].code", equalTo("hidden_fields")).body(not(containsString(PHONE)));
        admin(tenant).when().get("/v1/privacy/requests/{id}/export", request).then().statusCode(200)
                .body("profile.phone", equalTo(PHONE));
    }

    @Test
    void anExportSubmittedByARoleWithAHiddenFieldIsStillComplete() {
        String request = as(legal).body(Map.of("type", "access", "contactId", contact)).when().post("/v1/privacy/requests")
                .then().statusCode(202).body(not(containsString(PHONE))).extract().path("id");
        admin(tenant).when().get("/v1/privacy/requests/{id}/export", request).then().statusCode(200)
                .body("profile.phone", equalTo(PHONE)).body("profile.email", equalTo("olga@example.org"));
    }
}
