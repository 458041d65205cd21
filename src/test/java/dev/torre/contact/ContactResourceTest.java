package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.etag;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ContactResourceTest {

    private final String tenant = newTenant();

    @Test
    void createsAContactWithNormalisedEmailAndPhone() {
        admin(tenant)
                .body("""
                        {"firstName":"José","lastName":"García","email":"  Jose.Garcia@Acme.ES ","phone":"612 345 678"}
                        """)
                .when().post("/v1/contacts")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", equalTo(etag(0)))
                .body("id", notNullValue())
                .body("email", equalTo("jose.garcia@acme.es"))
                .body("phone", equalTo("+34612345678"))
                .body("lifecycleStage", equalTo("lead"));
    }
}
