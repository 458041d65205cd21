package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Drain;
import dev.torre.scoring.ScoringWorker;
import dev.torre.testing.Api;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** A field another capability derives (the lead score) changes the contact's ETag: a 304 never hides a new score. */
@QuarkusTest
class DerivedFieldsETagTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    ScoringWorker scoring;

    private final String tenant = Api.newTenant();

    @Test
    void aNewLeadScoreChangesTheETag() {
        String contact = Seed.contactWithEmail(tenant, "x@gmail.com");
        String before = admin(tenant).when().get("/v1/contacts/{id}", contact).then().statusCode(200).extract().header("ETag");
        Drain.untilIdle(() -> scoring.catchUp(tenant, NOW) + scoring.rescoreStep(tenant, NOW, 1000));
        admin(tenant).header("If-None-Match", before).when().get("/v1/contacts/{id}", contact).then().statusCode(200)
                .body("leadScore", equalTo(0)); // a personal address scores below zero, kept at 0
        String after = admin(tenant).when().get("/v1/contacts/{id}", contact).then().extract().header("ETag");
        assertNotEquals(before, after);
        admin(tenant).header("If-None-Match", after).when().get("/v1/contacts/{id}", contact).then().statusCode(304);
    }
}
