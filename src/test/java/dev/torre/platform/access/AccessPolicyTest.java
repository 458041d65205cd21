package dev.torre.platform.access;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Who sees what: per role and object type read, write and hidden fields, enforced alike on every way out. */
@QuarkusTest
class AccessPolicyTest {

    private final String tenant = newTenant();
    private String contact;
    private String sales;

    @BeforeEach
    void aContactAndASalesCaller() {
        contact = Seed.contact(tenant, Bodies.contact().firstName("Elena").lastName("Soto").email("elena@example.com").phone("+34612345678").build());
        sales = Tokens.of(tenant, "sales", null);
    }

    private void hideFromSales(String... fields) {
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of(fields)))
                .when().put("/v1/access-policy/sales/contact").then().statusCode(200);
    }

    @Test
    void defaultsMakeSense() {
        admin(tenant).when().get("/v1/access-policy").then().statusCode(200)
                .body("data.find { it.role == 'sales' && it.objectType == 'contact' }.write", equalTo(true))
                .body("data.find { it.role == 'service' && it.objectType == 'company' }.write", equalTo(false))
                .body("data.find { it.role == 'finance' && it.objectType == 'contact' }.hiddenFields", hasItem("source"))
                .body("objectTypes.name", hasItem("company"));
        as(sales).when().get("/v1/contacts/" + contact).then().statusCode(200).body("email", equalTo("elena@example.com"));
        as(Tokens.of(tenant, "service", null)).body(Map.of("name", "Nope")).when().post("/v1/companies").then().spec(problem(403));
        as(Tokens.of(tenant, "finance", null)).when().get("/v1/contacts/" + contact).then().statusCode(200)
                .body("$", not(hasKey("source"))).body("$", not(hasKey("tags"))).body("email", equalTo("elena@example.com"));
    }

    @Test
    void aHiddenFieldIsAbsentFromRestBodiesAndEvents() {
        hideFromSales("email", "phone");
        as(sales).when().get("/v1/contacts/" + contact).then().statusCode(200)
                .body("$", not(hasKey("email"))).body("$", not(hasKey("phone"))).body("firstName", equalTo("Elena"));
        as(sales).when().get("/v1/contacts").then().statusCode(200)
                .body("data[0]", not(hasKey("email"))).body("data[0].lastName", equalTo("Soto"));
        as(sales).body(Map.of("lastName", "Soto Ruiz")).when().patch("/v1/contacts/" + contact).then().statusCode(200)
                .body("$", not(hasKey("email")));
        admin(tenant).when().get("/v1/contacts/" + contact).then().body("email", equalTo("elena@example.com"));

        admin(tenant).body(Map.of("read", true, "write", false, "hiddenFields", List.of("email")))
                .when().put("/v1/access-policy/legal/contact").then().statusCode(200);
        as(Tokens.of(tenant, "legal", null)).queryParam("types", "contact.created").when().get("/v1/events").then().statusCode(200)
                .body("data[0].payload.data", not(hasKey("email")))
                .body("data[0].payload.data.firstName", equalTo("Elena"));
        admin(tenant).queryParam("types", "contact.created").when().get("/v1/events").then()
                .body("data[0].payload.data.email", equalTo("elena@example.com"));
    }

    @Test
    void aHiddenFieldCannotBeFilteredOrSortedOn() {
        hideFromSales("email");
        as(sales).queryParam("filter", "email eq \"elena@example.com\"").when().get("/v1/contacts").then().spec(problem(400))
                .body("errors[0].code", equalTo("hidden_field"));
        as(sales).queryParam("filter", "lastName eq \"Soto\" or not (email pr)").when().get("/v1/contacts").then().spec(problem(400));
        as(sales).queryParam("sort", "-email").when().get("/v1/contacts").then().spec(problem(400))
                .body("errors[0].field", equalTo("sort"));
        as(sales).body(Map.of("filter", "email ew \"example.com\"")).when().post("/v1/contacts/search").then().spec(problem(400));
        as(sales).queryParam("filter", "lastName eq \"Soto\"").when().get("/v1/contacts").then().statusCode(200)
                .body("data", hasSize(1));
        // free text matches the email too: a hit on "example" would reveal it, so text search is refused
        as(sales).body(Map.of("q", "example")).when().post("/v1/contacts/search").then().spec(problem(400))
                .body("errors[0].field", equalTo("q")).body("errors[0].code", equalTo("hidden_field"));
        // companies hide nothing from sales: their text search still works
        as(sales).body(Map.of("q", "soto")).when().post("/v1/companies/search").then().statusCode(200);
        admin(tenant).body(Map.of("q", "example")).when().post("/v1/contacts/search").then().statusCode(200)
                .body("data", hasSize(1));
    }

    @Test
    void graphQLAnswersNullWithAForbiddenErrorForAHiddenField() {
        hideFromSales("email");
        GraphQL.as(sales, """
                query($id: ID!) { contact(id: $id) { firstName email } }
                """, GraphQL.vars("id", contact))
                .body("data.contact.firstName", equalTo("Elena"))
                .body("data.contact.email", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].path", equalTo(List.of("contact", "email")));
        GraphQL.as(Tokens.admin(tenant), """
                query($id: ID!) { contact(id: $id) { email } }
                """, GraphQL.vars("id", contact))
                .body("data.contact.email", equalTo("elena@example.com"))
                .body("errors", nullValue());
    }

    @Test
    void takingAwayReadOrWriteIsEnforced() {
        admin(tenant).body(Map.of("read", true, "write", false)).when().put("/v1/access-policy/sales/contact").then().statusCode(200);
        as(sales).body(Map.of("lastName", "X")).when().patch("/v1/contacts/" + contact).then().spec(problem(403));
        admin(tenant).body(Map.of("read", false, "write", false)).when().put("/v1/access-policy/sales/contact").then().statusCode(200);
        as(sales).when().get("/v1/contacts/" + contact).then().spec(problem(403));
        // another tenant keeps the defaults
        String other = newTenant();
        String theirs = Seed.contact(other, "Otra", "Empresa");
        as(Tokens.of(other, "sales", null)).when().get("/v1/contacts/" + theirs).then().statusCode(200);
    }

    @Test
    void onlyAdminsChangeThePolicyAndBadPoliciesAreRefused() {
        as(sales).when().get("/v1/access-policy").then().spec(problem(403));
        as(Tokens.of(tenant, "legal", null)).body(Map.of("read", true, "write", true)).when().put("/v1/access-policy/legal/contact")
                .then().spec(problem(403));
        admin(tenant).body(Map.of("read", true, "write", true)).when().put("/v1/access-policy/admin/contact").then().spec(problem(400))
                .body("errors[0].field", equalTo("role"));
        admin(tenant).body(Map.of("read", true, "write", true)).when().put("/v1/access-policy/sales/spaceship").then().spec(problem(400))
                .body("errors[0].field", equalTo("objectType"));
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("shoeSize")))
                .when().put("/v1/access-policy/sales/contact").then().spec(problem(400)).body("errors[0].field", equalTo("hiddenFields"));
        admin(tenant).body(Map.of("read", false, "write", true)).when().put("/v1/access-policy/sales/contact").then().spec(problem(400));
        admin(tenant).body(Map.of("read", true)).when().put("/v1/access-policy/sales/contact").then().spec(problem(400));
        admin(tenant).when().get("/v1/access-policy").then()
                .body("data.find { it.role == 'sales' && it.objectType == 'contact' }.write", equalTo(true));
        admin(tenant).queryParam("types", "access_policy.updated").when().get("/v1/events").then().body("data", hasSize(0));
    }
}
