package dev.torre.merge;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** A merge scores its surviving contact again at once, from the history the merged contacts brought. */
@QuarkusTest
class MergeScoresTest {

    private final String tenant = newTenant();

    @Test
    void theSurvivorsLeadScoreReflectsTheMergedHistoryWithoutWaitingForTheWorker() {
        String survivor = Seed.contact(tenant, Bodies.contact().firstName("Rosa").email("rosa@x.es").build());
        String merged = Seed.contact(tenant, Bodies.contact().firstName("Rosa").email("rosa.shop@y.es").build());
        admin(tenant).body(Map.of("type", "web_visit", "direction", "inbound", "contactId", merged,
                "occurredAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "pageUrl", "https://acme.example/pricing"))
                .when().post("/v1/interactions").then().statusCode(201);
        int before = admin(tenant).when().get("/v1/contacts/{id}/score", survivor).then().statusCode(200)
                .body("factors.name", not(hasItem("Visited the pricing page"))).extract().path("value");

        admin(tenant).body(Map.of("mergeIds", List.of(merged))).when().post("/v1/contacts/{id}/merge", survivor).then().statusCode(200);

        // the scoring worker does not run in tests: what the survivor shows was computed by the merge itself
        admin(tenant).when().get("/v1/contacts/{id}/score", survivor).then().statusCode(200)
                .body("factors.name", hasItem("Visited the pricing page"))
                .body("value", greaterThan(before));
        admin(tenant).when().get("/v1/contacts/{id}", survivor).then().statusCode(200)
                .body("leadScore", greaterThan(before));
        admin(tenant).when().get("/v1/contacts/{id}", merged).then().body("mergedInto", equalTo(survivor));
    }
}
